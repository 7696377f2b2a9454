// The reader's method (issue 14): measure a streaming renderer the way a reader's browser runs it.
// - One commit per animation frame (requestAnimationFrame between commits).
// - A commit is timed from setting the new content to after `await nextTick()` and a forced layout
//   (`offsetHeight`), which the browser does every frame anyway; the view follows the bottom as a chat does.
// - Chrome's main-thread `TaskDuration` (CDP `Performance.getMetrics`) is summed over the whole run, so work a
//   renderer defers past `nextTick` (highlighting, idle callbacks, style, layout, paint) counts.
// - One-shot renders are timed the same way: mount with the final content, nextTick, forced layout, then wait
//   until the DOM stops changing (async highlighting settles) and count that too.
// Never a per-commit minimum across rounds; whole runs are repeated and the median is reported with the load
// average, read on the Node side (bench/commands.ts).
import { cdp, commands } from 'vitest/browser'
import { createApp, h, nextTick, shallowRef } from 'vue'
import type { Component } from 'vue'

export const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d
export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!
}
export const p95 = (xs: readonly number[]) => quantile(xs, 0.95)
export const median = (xs: readonly number[]) => quantile(xs, 0.5)

/** A renderer under test: a Vue component and the props it takes for (text so far, finished?). */
export interface Subject {
  readonly name: string
  readonly component: Component
  props(text: string, final: boolean): Record<string, unknown>
  /** Forget module-level caches between runs (ours); peers are given distinct text per run instead. */
  reset?(): void
}

let session: ReturnType<typeof cdp> | null = null
/** Main-thread task time of this page so far, in ms (CDP `Performance.getMetrics` → `TaskDuration`). */
export async function taskDurationMs(): Promise<number> {
  if (!session) {
    session = cdp()
    await session.send('Performance.enable')
  }
  const { metrics } = (await session.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
  return metrics.find((m) => m.name === 'TaskDuration')!.value * 1000
}

export async function loadAverage(): Promise<[number, number, number]> {
  return commands.loadAverage()
}

/** A chat-sized scroll box (the view follows the newest text, as a chat list does). */
export function createHost(width = 760, height = 720): HTMLElement {
  const host = document.createElement('div')
  host.dataset.vcsTheme = 'light'
  host.style.cssText = `width:${width}px;height:${height}px;overflow:auto`
  document.body.append(host)
  return host
}

function mount(subject: Subject, host: HTMLElement, text: string, final: boolean) {
  const state = shallowRef(subject.props(text, final))
  const app = createApp({ render: () => h(subject.component, state.value) })
  const el = document.createElement('div')
  host.append(el)
  app.mount(el)
  return {
    el,
    set: (next: string, done: boolean) => (state.value = subject.props(next, done)),
    unmount: () => {
      app.unmount()
      host.remove()
    },
  }
}

/**
 * Waits until the DOM under `el` has not changed for `quietFrames` frames; returns the time of the last change
 * (after a forced layout), or `since` when nothing changed.
 */
export async function settle(el: HTMLElement, since: number, quietFrames = 30, timeoutMs = 30_000): Promise<number> {
  let changed = false
  const observer = new MutationObserver(() => (changed = true))
  observer.observe(el, { subtree: true, childList: true, characterData: true, attributes: true })
  let last = since
  let quiet = 0
  const end = performance.now() + timeoutMs
  while (quiet < quietFrames && performance.now() < end) {
    await frame()
    if (changed) {
      changed = false
      void el.offsetHeight
      last = performance.now()
      quiet = 0
    } else {
      quiet++
    }
  }
  observer.disconnect()
  return last
}

export interface StreamResult {
  /** Per-commit time: set content → nextTick → forced layout. */
  commits: number[]
  /** Sum of `commits`. */
  totalMs: number
  /** Main-thread task time over the whole run (mount → last commit → settled). */
  taskMs: number
  /** Wall time of the run, frames included. */
  wallMs: number
  /** Settling after the last commit (async work still changing the DOM). */
  settleMs: number
}

/** Streams `text` cut at `cuts` (ascending end offsets; the last is `text.length`), one commit per frame. */
export async function streamRun(
  subject: Subject,
  text: string,
  cuts: readonly number[],
  beforeCommit?: (index: number) => Promise<void>,
  /** Sees the rendered element once the run has settled, before it is unmounted. */
  inspect?: (el: HTMLElement) => void,
): Promise<StreamResult> {
  subject.reset?.()
  const host = createHost()
  const task0 = await taskDurationMs()
  const wall0 = performance.now()
  const view = mount(subject, host, '', false)
  await frame()
  const commits: number[] = []
  for (let i = 0; i < cuts.length; i++) {
    await beforeCommit?.(i)
    await frame()
    const t0 = performance.now()
    view.set(text.slice(0, cuts[i]), i === cuts.length - 1)
    await nextTick()
    void view.el.offsetHeight
    commits.push(performance.now() - t0)
    host.scrollTop = host.scrollHeight
  }
  const lastCommit = performance.now()
  const settled = await settle(view.el, lastCommit)
  const wallMs = performance.now() - wall0
  const taskMs = (await taskDurationMs()) - task0
  inspect?.(view.el)
  view.unmount()
  return { commits, totalMs: sum(commits), taskMs, wallMs, settleMs: settled - lastCommit }
}

export interface OneShotResult {
  /** Mount with the final content → nextTick → forced layout. */
  syncMs: number
  /** Until the DOM stopped changing (async highlighting included); at least `syncMs`. */
  settledMs: number
  /** Main-thread task time from mount until settled. */
  taskMs: number
}

export async function oneShotRun(subject: Subject, text: string): Promise<OneShotResult> {
  subject.reset?.()
  const host = createHost()
  await frame()
  const task0 = await taskDurationMs()
  const t0 = performance.now()
  const view = mount(subject, host, text, true)
  await nextTick()
  void view.el.offsetHeight
  const sync = performance.now()
  host.scrollTop = host.scrollHeight
  const settled = await settle(view.el, sync)
  const taskMs = (await taskDurationMs()) - task0
  view.unmount()
  return { syncMs: sync - t0, settledMs: settled - t0, taskMs }
}

/** Cut points for `commits` commits of (nearly) equal size. */
export function evenCuts(length: number, commits: number): number[] {
  return Array.from({ length: commits }, (_, i) => Math.round(((i + 1) * length) / commits))
}
