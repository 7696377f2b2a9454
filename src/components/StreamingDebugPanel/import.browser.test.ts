// Row 4 of issue 15, the rendering half in Chromium: any diagnostics file gives a rendered panel or a clear error,
// never an uncaught exception; a 60,000-entry file keeps the DOM small (the event log is virtualized).
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { createApp, defineComponent, h, nextTick, shallowRef, type App } from 'vue'
import { diagnosticsFile } from '../../diagnostics/files.test-support'
import { DIAGNOSTICS_SCHEMA } from '../../diagnostics/schema'
import type { DiagnosticsFile } from '../../diagnostics/schema'
import { StreamingDebugPanel } from './index'

const mounted: { app: App; el: HTMLElement }[] = []
afterEach(() => {
  for (const { app, el } of mounted.splice(0)) {
    app.unmount()
    el.remove()
  }
})

function mount(initial: unknown) {
  const file = shallowRef(initial)
  const errors: unknown[] = []
  const el = document.createElement('div')
  el.style.width = '900px'
  document.body.append(el)
  const app = createApp(defineComponent({ setup: () => () => h(StreamingDebugPanel, { diagnostics: file.value as DiagnosticsFile }) }))
  app.config.errorHandler = (error) => void errors.push(error)
  app.config.warnHandler = () => {}
  app.mount(el)
  mounted.push({ app, el })
  return { el, file, errors }
}

function bigLog(entries: number) {
  const log = Array.from({ length: entries }, (_, i) => ({ atMs: i * 2, type: i % 50 === 49 ? 'retry' : 'chunk', text: `${100 + (i % 900)} B (total ${i * 64} B) entry ${i}` }))
  return { schema: DIAGNOSTICS_SCHEMA, version: 1, createdAt: '2026-11-24T08:00:00.000Z', stream: { state: 'closed', durationMs: entries * 2, log } }
}

async function frames(n = 2) {
  for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(resolve))
}

describe('StreamingDebugPanel with any diagnostics file', () => {
  it('1,000 random and mutated files: each shows the panel or a sentence, with no exception', async () => {
    const uncaught: unknown[] = []
    const onError = (event: ErrorEvent) => uncaught.push(event.error)
    window.addEventListener('error', onError)
    const { el, file, errors } = mount(undefined)
    let shown = 0
    let refused = 0
    let nothing = 0
    for (const input of fc.sample(diagnosticsFile, { numRuns: 1000, seed: 15 })) {
      file.value = input
      await nextTick()
      if (el.querySelector('[data-testid="file-error"]')) refused++
      else if (el.querySelector('[data-testid="file-banner"]')) shown++
      // null, 0, '' and false are no file at all: the panel says it has nothing to show.
      else if (!input && el.querySelector('[data-testid="empty"]')) nothing++
    }
    window.removeEventListener('error', onError)
    expect(errors).toEqual([])
    expect(uncaught).toEqual([])
    // Every input ended as one of them.
    expect(shown + refused + nothing).toBe(1000)
    expect(shown).toBeGreaterThan(100)
  })

  it('a 60,000-entry log (4 MB, pasted): ten thousand rows kept, a few dozen in the DOM, the latest reachable', async () => {
    const { el } = mount(undefined)
    const raw = JSON.stringify(bigLog(60_000))
    expect(raw.length).toBeGreaterThan(3_000_000)
    // An empty panel opens with its loader showing (Load diagnostics would close it).
    const paste = el.querySelector<HTMLTextAreaElement>('.vcs-loader__paste')!
    expect(paste.checkVisibility()).toBe(true)
    // Typing 4 MB would take minutes: set the value and tell Vue.
    paste.value = raw
    paste.dispatchEvent(new Event('input'))
    await nextTick()
    await userEvent.click(Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Show pasted diagnostics')!)
    await frames()
    expect(el.querySelector('[data-testid="log-count"]')!.textContent!.trim()).toBe('10001 of 10001 (50000 omitted)')
    expect(el.querySelector('[data-testid="file-banner"]')!.textContent).toContain('Left out to keep the panel fast: stream.log: 50,000 of 60,000 entries omitted.')
    const rows = () => el.querySelectorAll('.vcs-log__table tbody tr:not(.vcs-log__spacer)')
    expect(rows().length).toBeGreaterThan(5)
    expect(rows().length).toBeLessThan(60)
    const scroller = el.querySelector<HTMLElement>('.vcs-log__scroll')!
    scroller.scrollTop = scroller.scrollHeight
    scroller.dispatchEvent(new Event('scroll'))
    await frames(3)
    expect(rows().length).toBeLessThan(60)
    expect(el.querySelector('.vcs-log__table tbody')!.textContent).toContain('entry 59999')
    // The filter runs over all ten thousand entries, the DOM still holds a window.
    await userEvent.selectOptions(el.querySelector<HTMLSelectElement>('.vcs-log__tools select')!, 'retry')
    await frames()
    expect(el.querySelector('[data-testid="log-count"]')!.textContent!.trim()).toBe('201 of 10001 (50000 omitted)')
    expect(rows().length).toBeLessThan(60)
  })
})
