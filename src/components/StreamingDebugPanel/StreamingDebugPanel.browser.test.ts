import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { createApp, defineComponent, h, nextTick, shallowRef, type App } from 'vue'
import slowRendererRaw from '../../../stories/debug-panel/fixtures/slow-renderer.json?raw'
import tokenInUrlRaw from '../../../stories/debug-panel/fixtures/token-in-url-422.json?raw'
import { parseDiagnostics } from '../../diagnostics/parse'
import type { DiagnosticsFile } from '../../diagnostics/schema'
import { isPublishObserved } from '../../instrumentation/hooks'
import { openEventStream } from '../../stream/open'
import type { EventStream, StreamLifecycleEvent, StreamLifecycleListener } from '../../stream/types'
import { StreamingDebugPanel } from './index'

/** Wraps a stream so the test sees every subscribe and unsubscribe. */
function counted(stream: EventStream) {
  let active = 0
  let total = 0
  const wrapped: EventStream = {
    [Symbol.asyncIterator]: () => stream[Symbol.asyncIterator](),
    close: () => stream.close(),
    metrics: () => stream.metrics(),
    redact: (value) => stream.redact(value),
    subscribe(listener: StreamLifecycleListener) {
      active++
      total++
      const off = stream.subscribe(listener)
      return () => {
        active--
        off()
      }
    },
  }
  return { stream: wrapped, active: () => active, total: () => total }
}

/** A real stream client over a fetch that answers with a scripted SSE body. */
function sseStream(frames: string[], status = 200, contentType = 'text/event-stream'): EventStream {
  const fetch = async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const frame of frames) controller.enqueue(new TextEncoder().encode(frame))
        controller.close()
      },
    })
    return new Response(status === 200 ? body : frames.join(''), { status, headers: { 'Content-Type': contentType } })
  }
  return openEventStream('/api/sessions/s1/messages', {
    body: { content: 'hi' },
    token: 'demo',
    transport: 'fetch',
    retry: { maxAttempts: 0 },
    endOn: ['done'],
    fetch: fetch as typeof globalThis.fetch,
  })
}

const FRAMES = [
  'id: 1\nevent: start\ndata: {"messageId":"m1"}\n\n',
  'id: 2\nevent: delta\ndata: {"messageId":"m1","delta":"Hello"}\n\n',
  'id: 3\nevent: done\ndata: {"messageId":"m1","finishReason":"stop"}\n\n',
]

async function drain(stream: EventStream) {
  const events: string[] = []
  try {
    for await (const e of stream) events.push(e.event)
  } catch {
    // errors are shown by the panel
  }
  return events
}

function mount(render: () => ReturnType<typeof h>): { app: App; el: HTMLElement } {
  const el = document.createElement('div')
  document.body.append(el)
  const app = createApp(defineComponent({ setup: () => render }))
  app.mount(el)
  return { app, el }
}

async function until(check: () => boolean, timeout = 5000) {
  const start = performance.now()
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('StreamingDebugPanel observes only while mounted', () => {
  it('subscribes on mount, shows the figures, and unsubscribes on unmount', async () => {
    const c = counted(sseStream(FRAMES))
    const { app, el } = mount(() => h(StreamingDebugPanel, { stream: c.stream }))
    expect(c.active()).toBe(1)
    await drain(c.stream)
    await until(() => el.querySelector('[data-testid="state"]')?.textContent === 'closed')
    expect(el.querySelector('[data-testid="status"]')?.textContent).toBe('200')
    expect(el.querySelector('[data-testid="token-transport"]')?.textContent).toBe('Authorization header')
    expect(el.querySelector('[data-testid="chars"]')?.textContent).toBe('5 chars')
    expect(el.querySelector('[data-finding="healthy"]')).not.toBeNull()
    app.unmount()
    el.remove()
    expect(c.active()).toBe(0)
  })

  it('subscribes nothing when the panel is absent', async () => {
    const c = counted(sseStream(FRAMES))
    const { app, el } = mount(() => h('p', 'no panel'))
    expect(await drain(c.stream)).toEqual(['start', 'delta', 'done'])
    expect(c.total()).toBe(0)
    expect(isPublishObserved()).toBe(false)
    app.unmount()
    el.remove()
  })

  it('moves its subscription when the stream changes', async () => {
    const first = counted(sseStream(FRAMES))
    const second = counted(sseStream(FRAMES))
    const current = shallowRef<EventStream | undefined>(first.stream)
    const { app, el } = mount(() => h(StreamingDebugPanel, { stream: current.value }))
    expect([first.active(), second.active()]).toEqual([1, 0])
    current.value = second.stream
    await nextTick()
    expect([first.active(), second.active()]).toEqual([0, 1])
    current.value = undefined
    await nextTick()
    expect([first.active(), second.active()]).toEqual([0, 0])
    app.unmount()
    el.remove()
    first.stream.close()
    second.stream.close()
  })

  it('runs its own reactivity monitor only while mounted (monitor: true)', async () => {
    expect(isPublishObserved()).toBe(false)
    const { app, el } = mount(() => h(StreamingDebugPanel, { monitor: true }))
    expect(isPublishObserved()).toBe(true)
    app.unmount()
    el.remove()
    expect(isPublishObserved()).toBe(false)
  })

  it('shows FastAPI 422 detail readably', async () => {
    const body = JSON.stringify({ detail: [{ type: 'missing', loc: ['header', 'authorization'], msg: 'Field required', input: null }] })
    const stream = sseStream([body], 422, 'application/json')
    const events: StreamLifecycleEvent['type'][] = []
    stream.subscribe((e) => events.push(e.type))
    const { app, el } = mount(() => h(StreamingDebugPanel, { stream }))
    await drain(stream)
    await until(() => el.querySelector('[data-testid="status"]')?.textContent === '422')
    expect(el.querySelector('[data-testid="detail"]')?.textContent).toBe('header authorization: Field required')
    expect(el.querySelector('[data-finding="http-422"]')).not.toBeNull()
    expect(events.at(-1)).toBe('close')
    app.unmount()
    el.remove()
  })
})

function fixture(raw: string): DiagnosticsFile {
  const result = parseDiagnostics(raw)
  if (!result.ok) throw new Error(result.error)
  return result.diagnostics
}

const text = (el: HTMLElement, id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim()
const button = (el: HTMLElement, name: string) =>
  Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim().startsWith(name))!

describe('StreamingDebugPanel cards and files', () => {
  it('shows the rendering card on its own for a file without a stream, one heading level below the title', async () => {
    const { stream: _stream, ...renderingOnly } = fixture(slowRendererRaw)
    const { app, el } = mount(() => h(StreamingDebugPanel, { diagnostics: renderingOnly, headingLevel: 3 }))
    await nextTick()
    expect(el.querySelector('h3.vcs-debug__title')?.textContent).toBe('Streaming diagnostics')
    expect(Array.from(el.querySelectorAll('.vcs-debug__card-title'), (h) => [h.tagName, h.textContent])).toEqual([['H4', 'Rendering']])
    expect([text(el, 'publishes'), text(el, 'renders-per-publish'), text(el, 'paint-p95'), text(el, 'dropped-frames')]).toEqual([
      '77',
      '1.01',
      '219 ms',
      '516',
    ])
    expect(text(el, 'virtualization')).toBe('off')
    expect(el.querySelector('[data-testid="state"]')).toBeNull()
    app.unmount()
    el.remove()
  })

  it('copies the file it shows as it is, shows a pasted file, and goes back to the given one', async () => {
    const given = fixture(slowRendererRaw)
    const copied: DiagnosticsFile[] = []
    const loaded: DiagnosticsFile[] = []
    const { app, el } = mount(() =>
      h(StreamingDebugPanel, { diagnostics: given, onCopy: (file: DiagnosticsFile) => copied.push(file), onLoad: (file: DiagnosticsFile) => loaded.push(file) }),
    )
    await nextTick()
    await userEvent.click(button(el, 'Copy diagnostics'))
    expect(copied).toEqual([given])
    await until(() => el.querySelector('.vcs-debug__note[role="status"]') !== null)

    await userEvent.click(button(el, 'Load diagnostics'))
    await userEvent.fill(el.querySelector<HTMLTextAreaElement>('.vcs-loader__paste')!, tokenInUrlRaw)
    await userEvent.click(button(el, 'Show pasted diagnostics'))
    expect(loaded.map((file) => file.note)).toEqual(['Every answer fails at once since the upgrade.'])
    expect(text(el, 'file-banner')).toMatch(/^Showing pasted JSON, made 2026-11-24 08:05 UTC\./)
    expect(text(el, 'status')).toBe('422')

    await userEvent.click(button(el, 'Back to the given file'))
    expect(text(el, 'file-banner')).toMatch(/^Showing a diagnostics file, made 2026-11-24 08:10 UTC\./)
    expect(text(el, 'status')).toBe('200')
    app.unmount()
    el.remove()
  })

  it('Load diagnostics opens and closes the loader, in an empty panel too: what it says is what shows', async () => {
    const { app, el } = mount(() => h(StreamingDebugPanel))
    await nextTick()
    const load = button(el, 'Load diagnostics')
    const loader = el.querySelector<HTMLElement>(`#${load.getAttribute('aria-controls')}`)!
    const open = () => [load.getAttribute('aria-expanded'), loader.style.display !== 'none' && loader.offsetHeight > 0]
    // Empty: the loader is all the panel can offer, so it starts open.
    expect(open()).toEqual(['true', true])
    await userEvent.click(load)
    expect(open()).toEqual(['false', false])
    await userEvent.click(load)
    expect(open()).toEqual(['true', true])
    // The pasted file's button looks like the panel's other buttons.
    expect(button(el, 'Show pasted diagnostics').classList.contains('vcs-debug__button')).toBe(true)
    await userEvent.fill(el.querySelector<HTMLTextAreaElement>('.vcs-loader__paste')!, tokenInUrlRaw)
    await userEvent.click(button(el, 'Show pasted diagnostics'))
    // Loaded: the loader closes; the button opens it again.
    expect(open()).toEqual(['false', false])
    await userEvent.click(load)
    expect(open()).toEqual(['true', true])
    app.unmount()
    el.remove()
  })

  it('closes the loader by itself when a live stream starts showing, unless the reader toggled it', async () => {
    const stream = shallowRef<EventStream | undefined>()
    const { app, el } = mount(() => h(StreamingDebugPanel, { stream: stream.value }))
    await nextTick()
    const load = button(el, 'Load diagnostics')
    expect(load.getAttribute('aria-expanded')).toBe('true')
    stream.value = sseStream(FRAMES)
    await drain(stream.value)
    await until(() => el.querySelector('[data-testid="state"]')?.textContent === 'closed')
    expect(load.getAttribute('aria-expanded')).toBe('false')
    app.unmount()
    el.remove()
  })
})
