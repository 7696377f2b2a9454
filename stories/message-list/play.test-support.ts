import { nextFrames } from '../../test/support/frames'
import { expect, waitFor } from 'storybook/test'

export function listParts(canvasElement: HTMLElement) {
  const root = canvasElement.querySelector<HTMLElement>('.vcs-message-list')!
  const scroller = canvasElement.querySelector<HTMLElement>('.vcs-message-list__scroller')!
  return { root, scroller }
}

export const distanceFromBottom = (el: HTMLElement) => el.scrollHeight - el.clientHeight - el.scrollTop

/** Waits until the streamed answer's phases (data-phases on the story wrapper) end with `status`. */
export async function waitForPhase(canvasElement: HTMLElement, status: string, timeout = 45_000) {
  const wrapper = canvasElement.querySelector<HTMLElement>('[data-phases]')!
  await waitFor(() => expect(wrapper.dataset.phases?.split(',').at(-1)).toBe(status), { timeout, interval: 50 })
  return wrapper
}

/** Asserts the list follows: locked, and its bottom edge is in view. */
export async function expectAtBottom(canvasElement: HTMLElement) {
  const { root, scroller } = listParts(canvasElement)
  await waitFor(() => expect(distanceFromBottom(scroller)).toBeLessThanOrEqual(1))
  await expect(root.dataset.stick).toBe('locked')
}

/** Top of `el` relative to the top of the scrolling viewport, in px. */
export const topIn = (scroller: HTMLElement, el: Element) => el.getBoundingClientRect().top - scroller.getBoundingClientRect().top

/** The element under the reader's eye (a third down the view) and where it is. */
export function readingLine(scroller: HTMLElement): { el: Element; top: number } {
  const box = scroller.getBoundingClientRect()
  const el = document.elementFromPoint(box.left + 40, box.top + scroller.clientHeight / 3)!
  return { el, top: topIn(scroller, el) }
}

/** Waits until `scrollTop` has not changed for a few frames (the list's corrections and rendering are done). */
export async function untilScrollSettles(scroller: HTMLElement, quietFrames = 4) {
  let last = scroller.scrollTop
  let quiet = 0
  for (let i = 0; i < 120 && quiet < quietFrames; i++) {
    await nextFrames()
    if (Math.abs(scroller.scrollTop - last) < 0.5) quiet++
    else quiet = 0
    last = scroller.scrollTop
  }
}
