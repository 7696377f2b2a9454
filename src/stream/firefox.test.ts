// Firefox ESR (Debian) over WebDriver BiDi: the token travels in the Authorization header, never the URL,
// for the fetch and xhr transports. Fails (does not skip) when Firefox is missing: the seed asks for it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import puppeteer, { type Browser } from 'puppeteer-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- plain .mjs helper shared with the npm scripts
import { findFirefox } from '../../scripts/browser-path.mjs'

const TOKEN = 'firefox-secret-token'

interface Seen {
  method: string
  url: string
  headers: IncomingHttpHeaders
}

async function bundleClient(outDir: string): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: fileURLToPath(new URL('./open.ts', import.meta.url)), formats: ['es'], fileName: 'client' },
    },
  })
  return readFileSync(join(outDir, 'client.js'), 'utf8')
}

/** Serves a page, the client bundle and an SSE endpoint that records every request's URL and headers. */
function startRecordingServer(client: string, seen: Seen[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/'
    if (url === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>stream</title>')
    if (url === '/client.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(client)
    seen.push({ method: req.method ?? '', url, headers: req.headers })
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      const detail = [{ type: 'missing', loc: ['header', 'authorization'], msg: 'Field required', input: null }]
      return void res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ detail }))
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    res.flushHeaders()
    let n = 0
    const timer = setInterval(() => {
      n++
      res.write(`id: ${n}\nevent: delta\ndata: part ${n}\n\n`)
      if (n === 3) {
        clearInterval(timer)
        res.end('id: 4\nevent: done\ndata: {}\n\n')
      }
    }, 40)
    res.on('close', () => clearInterval(timer))
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }))
  })
}

describe('Firefox ESR: the token travels in the Authorization header', () => {
  const executablePath = findFirefox() as string | undefined
  const seen: Seen[] = []
  let browser: Browser | undefined
  let server: Server | undefined
  let origin = ''
  const outDir = mkdtempSync(join(tmpdir(), 'vcs-firefox-'))

  beforeAll(async () => {
    expect(executablePath, 'Firefox ESR is required: apt-get install firefox-esr, or set FIREFOX_PATH').toBeTruthy()
    const client = await bundleClient(outDir)
    ;({ server, url: origin } = await startRecordingServer(client, seen))
    browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true })
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    server?.closeAllConnections()
    server?.close()
    rmSync(outDir, { recursive: true, force: true })
  })

  for (const transport of ['fetch', 'xhr'] as const) {
    it(`${transport}: header, never the URL`, async () => {
      const page = await browser!.newPage()
      await page.goto(`${origin}/`)
      // A string, not a function: vitest would rewrite a dynamic import() inside a function body.
      const result = (await page.evaluate(`(async () => {
        const { openEventStream } = await import('/client.js')
        const stream = openEventStream('/api/stream?transport=${transport}', {
          transport: '${transport}',
          token: () => '${TOKEN}',
          endOn: ['done'],
          retry: { maxAttempts: 0 },
        })
        const data = []
        for await (const e of stream) data.push(e.id + ':' + e.event + ':' + e.data)
        const m = stream.metrics()
        return { data, ua: navigator.userAgent, transport: m.transport, tokenTransport: m.tokenTransport }
      })()`)) as { data: string[]; ua: string; transport: string; tokenTransport: string }
      await page.close()
      expect(result.ua).toMatch(/Firefox\//)
      expect(result.transport).toBe(transport)
      expect(result.tokenTransport).toBe('header')
      expect(result.data).toEqual(['1:delta:part 1', '2:delta:part 2', '3:delta:part 3', '4:done:{}'])
      const requests = seen.filter((r) => r.url.startsWith(`/api/stream?transport=${transport}`))
      expect(requests).toHaveLength(1)
      expect(requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`)
      expect(requests[0]!.headers.accept).toBe('text/event-stream')
      expect(requests[0]!.url).not.toContain(TOKEN)
    })
  }

  it('eventsource (legacy rollback path): the token is in the URL and the server answers 422', async () => {
    const page = await browser!.newPage()
    await page.goto(`${origin}/`)
    const result = (await page.evaluate(`(async () => {
      const { openEventStream } = await import('/client.js')
      const stream = openEventStream('/api/stream?transport=eventsource', {
        transport: 'eventsource',
        token: '${TOKEN}',
        retry: { maxAttempts: 0 },
      })
      try {
        for await (const _ of stream) {}
        return { error: null, tokenTransport: stream.metrics().tokenTransport }
      } catch (e) {
        return { error: e.toJSON(), tokenTransport: stream.metrics().tokenTransport }
      }
    })()`)) as { error: { status: number; message: string } | null; tokenTransport: string }
    await page.close()
    expect(result.tokenTransport).toBe('url')
    expect(result.error).toMatchObject({ status: 422 })
    expect(result.error!.message).toMatch(/EventSource cannot send headers/)
    const requests = seen.filter((r) => r.url.startsWith('/api/stream?transport=eventsource'))
    // EventSource's own request, then the client's one diagnostic GET to read the status EventSource hides
    expect(requests).toHaveLength(2)
    for (const r of requests) {
      expect(r.headers.authorization).toBeUndefined()
      expect(r.url).toContain(`token=${TOKEN}`)
    }
  })
})
