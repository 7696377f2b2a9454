// A loopback HTTP server for a built static site (a Storybook build), plus extra HTML pages given as strings.
// It records every path it was asked for, so a test can tell what a page fetched from the server.
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

export interface StaticServer {
  /** e.g. http://127.0.0.1:40123 */
  url: string
  /** Paths requested so far, in order (query strings included). */
  requests: string[]
  close(): Promise<void>
}

export function serveDirectory(dir: string, pages: Record<string, string> = {}): Promise<StaticServer> {
  const root = normalize(dir)
  const requests: string[] = []
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    requests.push(url.pathname + url.search)
    const path = decodeURIComponent(url.pathname)
    const page = pages[path]
    if (page !== undefined) {
      res.writeHead(200, { 'Content-Type': TYPES['.html'] }).end(page)
      return
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path))
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        close: () => new Promise<void>((done) => server.close(() => done())),
      })
    })
  })
}
