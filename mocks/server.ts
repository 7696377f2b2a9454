import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { constants as zlibConstants, createGzip } from 'node:zlib'
import { MISBEHAVE_HEADER, misbehaviourSet, requestMisbehaviours, type Misbehaviour } from './misbehave.js'
import { playEndless, playStream, type StreamSink } from './play.js'
import { createResponder, IDEMPOTENCY_HEADER, route, SCENARIO_HEADER, type HarnessOptions, type MockResult } from './respond.js'

export interface MockServerOptions extends HarnessOptions {
  /** 0 picks a free port. @default 0 */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  /** With the `cors-second-origin` misbehaviour: the one origin that gets CORS headers. @default 'https://app.example' */
  corsOrigin?: string
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
  'Access-Control-Allow-Headers': `Authorization, Content-Type, Accept, Last-Event-ID, Cache-Control, ${IDEMPOTENCY_HEADER}, ${SCENARIO_HEADER}, ${MISBEHAVE_HEADER}`,
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

/** The CORS headers an origin gets: open to all, or (`cors-second-origin`) only to the one allowed origin. */
function corsFor(origin: string | undefined, broken: ReadonlySet<Misbehaviour>, allowed: string): Record<string, string> | undefined {
  if (!broken.has('cors-second-origin')) return CORS
  if (origin !== allowed) return undefined
  return { ...CORS, 'Access-Control-Allow-Origin': allowed, Vary: 'Origin' }
}

/** The socket writes of a stream, as the misbehaviours in effect shape them. */
function streamSink(req: IncomingMessage, res: ServerResponse, broken: ReadonlySet<Misbehaviour>): StreamSink {
  // Ending the socket mid-body leaves the chunked encoding unfinished: the client sees a broken connection.
  const fail = () => void res.socket?.end()
  if (broken.has('buffering-proxy')) {
    // A proxy with response buffering on: the body leaves only once the upstream answer is complete.
    const held: Uint8Array[] = []
    return {
      write: (chunk) => void held.push(chunk.slice()),
      close: () => void res.end(Buffer.concat(held)),
      fail: () => res.write(Buffer.concat(held), fail),
    }
  }
  if (broken.has('gzip') && /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''))) {
    const gzip = createGzip()
    gzip.pipe(res)
    return {
      write: (chunk) => {
        gzip.write(chunk)
        gzip.flush(zlibConstants.Z_SYNC_FLUSH)
      },
      close: () => void gzip.end(),
      fail: () => gzip.flush(zlibConstants.Z_SYNC_FLUSH, fail),
    }
  }
  return { write: (chunk) => void res.write(chunk), close: () => void res.end(), fail, busy: () => res.writableNeedDrain }
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  result: MockResult,
  cors: Record<string, string> | undefined,
  broken: ReadonlySet<Misbehaviour>,
  timeScale: number,
): void {
  if (result.type === 'lost') {
    // Taken, then the connection breaks before a whole status line: the client sees a failed request, no response.
    // A few bytes go first: on a reused keep-alive socket that closes with nothing received, Chromium re-sends the
    // request by itself (POST included) — invisible to the page, and a second run of the answer on the server.
    req.socket.write('HTTP/1.1 2', () => req.socket.destroy())
    return
  }
  if (result.headDelayMs) {
    // slow-head: nothing, not even the status line, until the delay is over.
    const timer = setTimeout(() => send(req, res, { ...result, headDelayMs: 0 }, cors, broken, timeScale), result.headDelayMs)
    res.on('close', () => clearTimeout(timer))
    return
  }
  const headers: Record<string, string> = { ...cors, ...result.headers }
  if (result.type === 'stream' && broken.has('gzip') && /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''))) {
    headers['Content-Encoding'] = 'gzip'
  }
  res.writeHead(result.status, headers)
  if (result.type === 'body') {
    if (!result.endless) {
      res.end(result.body)
      return
    }
    // endless-error-body: the page never ends; stop when the client goes away.
    res.write(result.body)
    let stopped = false
    let timer = playEndless(streamSink(req, res, new Set()), () => stopped, (next) => (timer = next))
    res.on('close', () => {
      stopped = true
      clearTimeout(timer)
    })
    return
  }
  res.flushHeaders()
  res.socket?.setNoDelay(true)
  const stop = playStream(result.plan, streamSink(req, res, broken), { timeScale })
  res.on('close', stop)
}

/**
 * A real node:http loopback server with the same scenarios as the MSW handlers (for curl, other browsers,
 * byte-level chunking, and apps that cannot use MSW). CORS is open so browser tests on another port can call it.
 */
export function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const responder = createResponder(options)
  const timeScale = options.timeScale ?? 1
  const broken = misbehaviourSet(options.misbehave)
  const allowedOrigin = options.corsOrigin ?? 'https://app.example'
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const cors = corsFor(req.headers.origin, broken, allowedOrigin)
    if (req.method === 'OPTIONS') {
      // What Starlette's CORSMiddleware answers a preflight from an origin it does not allow.
      if (cors) res.writeHead(204, cors).end()
      else res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Disallowed CORS origin')
      return
    }
    readBody(req).then(
      (body) => {
        const header = (name: string) => {
          const value = req.headers[name.toLowerCase()]
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
        }
        const result = route(responder, req.method ?? 'GET', url.pathname, { header, body, query: url.searchParams })
        let shaping = broken
        try {
          shaping = requestMisbehaviours(broken, header(MISBEHAVE_HEADER))
        } catch {
          // the responder already answered 400
        }
        if (result) send(req, res, result, cors, shaping, timeScale)
        else res.writeHead(404, { ...cors, 'Content-Type': 'application/json' }).end('{"detail":"Not Found"}')
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
