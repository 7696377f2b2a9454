// vue-chat-stream/mocks/node — the browser entry (`vue-chat-stream/mocks`) and the Node-only servers.
import { setupServer, type SetupServer } from 'msw/node'
import { createHandlers, type CreateHandlersOptions } from './handlers.js'

// Everything the browser entry exports, so Node code needs one import.
export * from './index.js'

// Node-only: a real node:http loopback server, and an msw/node server with the harness handlers
export { startMockServer } from './server.js'
export type { MockServer, MockServerOptions } from './server.js'

/**
 * An msw/node server with the harness handlers (call `.listen()` / `.close()` yourself, as with any msw server).
 * Pass `baseUrl` when the same process also talks to a real server on other origins.
 */
export function createMswServer(options: CreateHandlersOptions = {}): SetupServer {
  return setupServer(...createHandlers(options))
}
