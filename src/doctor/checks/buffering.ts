import { analyzeArrival } from '../arrival'
import { isEventStream } from '../probes'
import type { CheckStatus } from '../types'
import { listHeader, ms, needsStream, result, worst } from '../words'
import type { Check } from './context'

const LOOPBACK = /^(localhost|127(?:\.\d+){3}|\[::1\])$/i

interface Part {
  status: CheckStatus
  observed: string
  advice?: string
}

/** 4. Events arrive spread over time, and nothing in the headers invites a buffer. */
export const noBuffering: Check = {
  id: 'no-buffering',
  async run({ probes, options }) {
    const id = 'no-buffering'
    const main = await probes.main()
    if (!isEventStream(main) || !main.stream) return needsStream(id, main)
    const s = main.stream
    const a = analyzeArrival(s, options.minDurationMs)
    const parts: Part[] = []
    const behindNginx = /nginx/i.test(main.headers?.get('server') ?? '') || main.headers?.has('via')

    const chunks = `${s.chunks.length} chunk${s.chunks.length === 1 ? '' : 's'}`
    const spread = `${a.events} events in ${chunks}, the first ${ms(a.firstEventAt)} after the request, the last at ${ms(a.lastEventAt)}`
    if (a.verdict === 'buffered') {
      parts.push({
        status: 'fail',
        observed: `${spread}: all of them, the first included, within the last ${ms(a.finalWindowMs)} — the answer was held back and delivered at once`,
        advice: `Something between the server and here buffers the response: turn response buffering off for text/event-stream${behindNginx ? ' (nginx: proxy_buffering off, or send X-Accel-Buffering: no from the app)' : ' (nginx: proxy_buffering off or X-Accel-Buffering: no; also CDNs, API gateways, compression middleware)'}, and flush after every event in the app.`,
      })
    } else if (a.verdict === 'short') {
      parts.push({
        status: 'warn',
        observed: `${spread}: too quick to tell streaming from buffering (under ${ms(options.minDurationMs)} or fewer than 3 events)`,
        advice: 'Ask for a longer answer (--prompt) so the doctor can see it arrive over time.',
      })
    } else parts.push({ status: 'pass', observed: `${spread}: spread over time` })

    const encoding = listHeader(main, 'content-encoding').filter((e) => e !== 'identity')
    if (encoding.length > 0) {
      parts.push({
        status: 'fail',
        observed: `Content-Encoding: ${encoding.join(', ')} on the event stream`,
        advice: 'Exclude text/event-stream from compression (gzip middleware, nginx gzip_types, CDN settings). Compressors hold bytes back until their block fills; even where the app flushes each event, proxies and CDNs re-buffer compressed streams.',
      })
    }
    const cache = listHeader(main, 'cache-control')
    if (!cache.includes('no-cache') && !cache.includes('no-store')) {
      parts.push({
        status: 'warn',
        observed: cache.length ? `Cache-Control: ${cache.join(', ')}` : 'no Cache-Control',
        advice: 'Send Cache-Control: no-cache (no-transform too) so proxies neither cache nor transform the stream.',
      })
    }
    if (/^yes$/i.test(main.headers?.get('x-accel-buffering') ?? '')) {
      parts.push({ status: 'warn', observed: 'X-Accel-Buffering: yes', advice: 'Send X-Accel-Buffering: no: it switches nginx’s buffering off for this response.' })
    }

    const url = new URL(options.url, globalThis.location?.href)
    const version = (await options.httpVersion?.(url.href))?.toLowerCase()
    const loopback = LOOPBACK.test(url.hostname)
    if (!loopback && (version?.startsWith('http/1') || (version === undefined && url.protocol === 'http:'))) {
      parts.push({
        status: 'warn',
        observed: `${version ? version.toUpperCase() : 'HTTP/1.1 (plain http:)'}: browsers open at most 6 connections per origin, and each open stream holds one`,
        advice: 'Serve the API over HTTPS with HTTP/2 (or HTTP/3): with several tabs or parallel streams on HTTP/1.1, further requests wait for a free connection.',
      })
    } else if (version) {
      const name = version === 'h2' ? 'HTTP/2' : version === 'h3' ? 'HTTP/3' : version.toUpperCase()
      parts.push({ status: 'pass', observed: loopback && version.startsWith('http/1') ? `${name} (loopback: fine for development)` : name })
    }

    const status = worst(parts.map((p) => p.status))
    const advice = parts.filter((p) => p.status !== 'pass' && p.advice).map((p) => p.advice!)
    const encodingNote = encoding.length === 0 ? '; no Content-Encoding' : ''
    return result(id, status, `${parts.map((p) => p.observed).join('; ')}${encodingNote}.`, advice.join(' '))
  },
}
