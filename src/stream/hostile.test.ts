// The stream client against hostile servers (issue 15), in Node: the harness misbehaviours over MSW and over the
// real loopback server, fetch transport. The same cases run in Chromium over fetch and xhr
// (transports.browser.test.ts).
import { afterAll, beforeAll, describe, it } from 'vitest'
import { createMswServer, startMockServer, type MockServer } from 'vue-chat-stream/mocks/node'
import { HOSTILE_TIME_SCALE, hostileCases, retryAfterOverflow } from './hostile.test-support'

describe('hostile servers over MSW (Node), fetch transport', () => {
  const base = 'http://hostile.test'
  const server = createMswServer({ timeScale: HOSTILE_TIME_SCALE, baseUrl: base })
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())

  for (const [name, run] of Object.entries(hostileCases)) it(name, () => run(base, 'fetch'))
  it('row 7: Retry-After: 2147484 s never overflows the timer (it used to retry after 1 ms)', () => retryAfterOverflow(base, 'fetch'))
})

describe('hostile servers over the real loopback server (node:http), fetch transport', () => {
  let server: MockServer
  beforeAll(async () => {
    server = await startMockServer({ timeScale: HOSTILE_TIME_SCALE })
  })
  afterAll(() => server.close())

  for (const [name, run] of Object.entries(hostileCases)) it(name, () => run(server.url, 'fetch'))
  it('row 7: Retry-After: 2147484 s never overflows the timer (it used to retry after 1 ms)', () => retryAfterOverflow(server.url, 'fetch'))
})
