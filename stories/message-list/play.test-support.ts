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
