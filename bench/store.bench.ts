/* eslint-disable vue/one-component-per-file -- small counting components for the measurement */
// Store benchmarks (Chromium): per-append cost vs history length, publishes per frame at 1,000 deltas/s, and a
// naive deep-`ref` store mutated in place as the baseline, all measured in this one run.
import { createPinia, setActivePinia } from 'pinia'
import { createApp, defineComponent, h, nextTick, reactive, type PropType } from 'vue'
import { describe, expect, it } from 'vitest'
import { onPublish } from '../src/instrumentation/hooks'
import { createManualScheduler } from '../src/chat/frames'
import { useSessionsStore } from '../src/stores/sessions'
import { createSnapshotBook } from '../src/chat/book'
import type { ChatMessage } from '../src/types'
import { nextFrames } from '../test/support/frames'
import { makeHistory } from '../test/support/history'
import { median } from './reader'

function history(count: number): ChatMessage[] {
  return makeHistory(count, { text: (n) => `message ${n} `.repeat(4), lastStatus: 'streaming' })
}

/** The seed's store: one deep reactive tree, the message found and mutated in place. */
function createNaiveStore(messages: ChatMessage[]) {
  const state = reactive({ sessions: [{ id: 's', messages: messages.map((m) => ({ ...m })) }] })
  return {
    state,
    updateMessageContent(sessionId: string, messageId: string, delta: string) {
      const session = state.sessions.find((s) => s.id === sessionId)!
      const message = session.messages.find((m) => m.id === messageId)!
      message.content += delta
    },
  }
}

/**
 * ns per append over one block of `appends` (performance.now() is coarse in Chromium, so only whole blocks are
 * timed): `appendNs` with a single publish at the end, `withPublishNs` with a publish every `perFrame` appends.
 */
function measureOurs(historySize: number, appends: number, perFrame: number): { appendNs: number; withPublishNs: number } {
  setActivePinia(createPinia())
  const scheduler = createManualScheduler()
  const store = useSessionsStore()
  store.configure({ scheduler })
  store.createSession({ id: 's', messages: history(historySize) })
  const target = `m${historySize - 1}`
  // Steady state: let the freshly built history be promoted by the GC before timing (else the first scavenges
  // copy it inside the timed loop and the cost looks history-dependent).
  for (let i = 0; i < appends; i++) store.updateMessageContent('s', target, 'tok ')
  scheduler.frame()
  const t0 = performance.now()
  for (let i = 0; i < appends; i++) store.updateMessageContent('s', target, 'tok ')
  const t1 = performance.now()
  scheduler.frame()
  const t2 = performance.now()
  for (let done = 0; done < appends; done += perFrame) {
    for (let i = 0; i < perFrame; i++) store.updateMessageContent('s', target, 'tok ')
    scheduler.frame()
  }
  const t3 = performance.now()
  return { appendNs: ((t1 - t0) * 1e6) / appends, withPublishNs: ((t3 - t2) * 1e6) / appends }
}

/** The same append without Pinia's action wrapper: what the store's own stream reader calls per delta. */
function measureEngine(historySize: number, appends: number): number {
  const scheduler = createManualScheduler()
  const book = createSnapshotBook({ scheduler: () => scheduler, source: 'store' })
  book.addSession('s', 'bench', history(historySize))
  const target = `m${historySize - 1}`
  for (let i = 0; i < appends; i++) book.append('s', target, 'tok ')
  scheduler.frame()
  const t0 = performance.now()
  for (let i = 0; i < appends; i++) book.append('s', target, 'tok ')
  const t1 = performance.now()
  scheduler.frame()
  return ((t1 - t0) * 1e6) / appends
}

function measureNaive(historySize: number, appends: number): number {
  const store = createNaiveStore(history(historySize))
  const target = `m${historySize - 1}`
  const t0 = performance.now()
  for (let i = 0; i < appends; i++) store.updateMessageContent('s', target, 'tok ')
  return ((performance.now() - t0) * 1e6) / appends
}

describe('store', () => {
  it('per-append cost does not grow with history (10,000 vs 10 messages), against a naive deep ref', () => {
    const appends = 100_000
    const perFrame = 17 // ~1,000 deltas/s at 60 frames/s
    measureOurs(10, appends, perFrame) // warm up
    measureNaive(10, 2_000)
    const small: number[] = []
    const large: number[] = []
    const smallWith: number[] = []
    const largeWith: number[] = []
    const engineSmall: number[] = []
    const engineLarge: number[] = []
    const naiveSmall: number[] = []
    const naiveLarge: number[] = []
    for (let round = 0; round < 9; round++) {
      // Alternate the order so a warming JIT or a busy neighbour does not favour one size.
      let a: ReturnType<typeof measureOurs>
      let b: ReturnType<typeof measureOurs>
      if (round % 2) {
        a = measureOurs(10, appends, perFrame)
        b = measureOurs(10_000, appends, perFrame)
      } else {
        b = measureOurs(10_000, appends, perFrame)
        a = measureOurs(10, appends, perFrame)
      }
      small.push(a.appendNs)
      large.push(b.appendNs)
      smallWith.push(a.withPublishNs)
      largeWith.push(b.withPublishNs)
      engineSmall.push(measureEngine(10, appends))
      engineLarge.push(measureEngine(10_000, appends))
      naiveSmall.push(measureNaive(10, 2_000))
      naiveLarge.push(measureNaive(10_000, 100))
    }
    const ratio = median(large.map((l, i) => l / small[i]!))
    const withRatio = median(largeWith.map((l, i) => l / smallWith[i]!))
    const naiveRatio = median(naiveLarge.map((l, i) => l / naiveSmall[i]!))
    console.log(
      [
        'store: per-append cost through the store action (median of 9 rounds of 100,000 appends)',
        `  ours   10 msgs: ${median(small).toFixed(0)} ns/append; with a publish every 17 appends: ${median(smallWith).toFixed(0)} ns/append`,
        `  ours   10,000 msgs: ${median(large).toFixed(0)} ns/append; with a publish every 17 appends: ${median(largeWith).toFixed(0)} ns/append`,
        `  ours   ratio 10,000 ÷ 10 = ${ratio.toFixed(2)} (bound ≤ 1.5); with publishes: ${withRatio.toFixed(2)}`,
        `  engine (stream path, no Pinia action wrapper) 10 msgs: ${median(engineSmall).toFixed(0)} ns/append; 10,000 msgs: ${median(engineLarge).toFixed(0)} ns/append; ratio ${(median(engineLarge) / median(engineSmall)).toFixed(2)}`,
        `  naive  10 msgs: ${median(naiveSmall).toFixed(0)} ns/append; 10,000 msgs: ${median(naiveLarge).toFixed(0)} ns/append; ratio ${naiveRatio.toFixed(1)}`,
        `  naive ÷ ours at 10,000 msgs: ${(median(naiveLarge) / median(large)).toFixed(1)}×`,
      ].join('\n'),
    )
    expect(ratio).toBeLessThanOrEqual(1.5)
  })

  it('1,000 deltas/s with a mounted list: publishes ≤ frames, renders only the streaming message (vs naive)', async () => {
    const historySize = 1_000
    const durationMs = 2_000
    const renders = { ours: 0, oursOthers: 0, naive: 0, naiveOthers: 0 }
    const counter = (key: 'ours' | 'naive') =>
      defineComponent({
        props: { message: { type: Object as PropType<ChatMessage>, required: true } },
        setup(props) {
          return () => {
            if (props.message.status === 'streaming') renders[key]++
            else renders[key === 'ours' ? 'oursOthers' : 'naiveOthers']++
            return h('p', props.message.content)
          }
        },
      })

    async function drive(update: (delta: string) => void): Promise<{ frames: number; deltas: number; scriptingMs: number }> {
      let frames = 0
      let running = true
      const countFrames = () => {
        frames++
        if (running) requestAnimationFrame(countFrames)
      }
      requestAnimationFrame(countFrames)
      const start = performance.now()
      let deltas = 0
      let scriptingMs = 0
      while (performance.now() - start < durationMs) {
        const due = Math.floor(performance.now() - start) - deltas
        const t0 = performance.now()
        for (let i = 0; i < due; i++) update('tok ')
        deltas += Math.max(0, due)
        await nextTick()
        scriptingMs += performance.now() - t0
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
      await nextFrames(2)
      running = false
      return { frames, deltas, scriptingMs }
    }

    // ours: one Pinia, the app's; the store is created in the component's setup from it
    const pinia = createPinia()
    let store!: ReturnType<typeof useSessionsStore>
    const Ours = counter('ours')
    const elA = document.body.appendChild(document.createElement('div'))
    const appA = createApp(
      defineComponent({
        setup() {
          store = useSessionsStore()
          store.createSession({ id: 's', messages: history(historySize) })
          const messages = store.getMessages('s')
          return () => h('div', messages.value.map((m) => h(Ours, { key: m.id, message: m })))
        },
      }),
    )
    appA.use(pinia).mount(elA)
    renders.oursOthers = 0
    renders.ours = 0
    let publishes = 0
    const off = onPublish(() => publishes++)
    const ours = await drive((d) => store.updateMessageContent('s', `m${historySize - 1}`, d))
    off()
    appA.unmount()
    elA.remove()

    // naive
    const naive = createNaiveStore(history(historySize))
    const Naive = counter('naive')
    const elB = document.body.appendChild(document.createElement('div'))
    const appB = createApp(
      defineComponent({
        setup: () => () => h('div', naive.state.sessions[0]!.messages.map((m) => h(Naive, { key: m.id, message: m }))),
      }),
    )
    appB.mount(elB)
    renders.naiveOthers = 0
    renders.naive = 0
    const base = await drive((d) => naive.updateMessageContent('s', `m${historySize - 1}`, d))
    appB.unmount()
    elB.remove()

    console.log(
      [
        `store: ${historySize} messages mounted, ~1,000 deltas/s for ${durationMs / 1000} s`,
        `  ours : ${ours.deltas} deltas, ${publishes} publishes in ${ours.frames} frames, streaming-message renders ${renders.ours}, other renders ${renders.oursOthers}, scripting ${ours.scriptingMs.toFixed(0)} ms`,
        `  naive: ${base.deltas} deltas, streaming-message renders ${renders.naive}, other renders ${renders.naiveOthers}, scripting ${base.scriptingMs.toFixed(0)} ms`,
        `  scripting per delta naive ÷ ours: ${(base.scriptingMs / Math.max(1, base.deltas) / (ours.scriptingMs / Math.max(1, ours.deltas))).toFixed(1)}×`,
      ].join('\n'),
    )
    expect(publishes).toBeLessThanOrEqual(ours.frames + 1)
    expect(renders.oursOthers).toBe(0)
    expect(store.getMessages('s').value.at(-1)!.content.endsWith('tok '.repeat(10))).toBe(true)
  })
})
