import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { playStream } from './play.js'
import { createResponder, route, SCENARIO_HEADER, type HarnessOptions, type MockResult } from './respond.js'

export interface MockServerOptions extends HarnessOptions {
  /** 0 picks a free port. @default 0 */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
}

export interface MockServer {
  /** e.g. `http://127.0.0.1:8787` (no trailing slash). */
  url: string
  /** Stops every running stream (hanging ones included) and closes the server. */
  close(): Promise<void>
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': `Authorization, Content-Type, Accept, Last-Event-ID, Cache-Control, ${SCENARIO_HEADER}`,
  'Access-Control-Expose-Headers': 'Retry-After, WWW-Authenticate',
  'Access-Control-Max-Age': '600',
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, result: MockResult, timeScale: number): void {
  res.writeHead(result.status, { ...CORS, ...result.headers })
  if (result.type === 'body') {
    res.end(result.body)
    return
  }
  res.flushHeaders()
  res.socket?.setNoDelay(true)
  const stop = playStream(
    result.plan,
    {
      write: (chunk) => void res.write(chunk),
      close: () => void res.end(),
      // Ending the socket mid-body leaves the chunked encoding unfinished: the client sees a broken connection.
      fail: () => void res.socket?.end(),
    },
    { timeScale },
  )
  res.on('close', stop)
}

/**
 * A real node:http loopback server with the same scenarios as the MSW handlers (for curl, other browsers,
 * byte-level chunking, and apps that cannot use MSW). CORS is open so browser tests on another port can call it.
 */
export function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const responder = createResponder(options)
  const timeScale = options.timeScale ?? 1
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end()
      return
    }
    readBody(req).then(
      (body) => {
        const header = (name: string) => {
          const value = req.headers[name.toLowerCase()]
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
        }
        const result = route(responder, req.method ?? 'GET', url.pathname, { header, body, query: url.searchParams })
        if (result) send(res, result, timeScale)
        else res.writeHead(404, { ...CORS, 'Content-Type': 'application/json' }).end('{"detail":"Not Found"}')
      },
      () => res.destroy(),
    )
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { address, port } = server.address() as AddressInfo
      const host = address.includes(':') ? `[${address}]` : address
      resolve({
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}
