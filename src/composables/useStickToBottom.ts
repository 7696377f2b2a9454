import { onScopeDispose, readonly, shallowRef, toValue, watch } from 'vue'
import type { MaybeRefOrGetter, Ref } from 'vue'

/** Why the view stopped following the newest content. */
export type StickReleaseReason = 'wheel' | 'touch' | 'key' | 'scrollbar' | 'selection' | 'scroll' | 'api'

export interface UseStickToBottomOptions {
  /**
   * Distance from the bottom, in px, that still counts as "at the bottom" when the reader scrolls back down.
   * @default 48
   */
  threshold?: number
  /**
   * Start locked to the bottom (a chat opens at its newest message).
   * @default true
   */
  initial?: boolean
  /**
   * The element(s) whose size changes mean "content grew". Defaults to the scroll container's first element child.
   * Observe the deepest elements that grow (e.g. the streaming message), so a resize is seen in the same frame.
   * @default undefined
   */
  content?: MaybeRefOrGetter<HTMLElement | null | undefined | readonly (HTMLElement | null | undefined)[]>
  /**
   * Called when the reader takes over (once per release).
   * @default undefined
   */
  onRelease?: (reason: StickReleaseReason) => void
  /**
   * Called when the view locks to the bottom again.
   * @default undefined
   */
  onLock?: () => void
}

export interface UseStickToBottomReturn {
  /** True while the view follows new content. */
  isLocked: Readonly<Ref<boolean>>
  /** True while the bottom edge is more than `threshold` px away (flips only when it crosses). */
  isAwayFromBottom: Readonly<Ref<boolean>>
  /** The reason of the last release, or null while locked. */
  releaseReason: Readonly<Ref<StickReleaseReason | null>>
  /** Scroll to the very bottom and lock. Never counts as reader intent. */
  scrollToBottom: () => void
  /** Stop following (e.g. when the app scrolls to a search hit). */
  release: (reason?: StickReleaseReason) => void
  /** Write `scrollTop` as the list itself: the resulting scroll event is not reader intent. */
  writeScrollTop: (top: number) => void
  /** Mark the next scroll event(s) near `top` as the list's own (for writes made by someone else, e.g. a virtualizer). */
  expectScrollTo: (top: number) => void
  /** Pixels between the viewport bottom and the content bottom (reads layout). */
  distanceFromBottom: () => number
}

const RELEASE_KEYS = new Set(['PageUp', 'Home', 'ArrowUp'])

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT'
}

/**
 * Keeps a scroll container pinned to its bottom while content grows, and lets go the moment the reader shows
 * intent to read elsewhere. Intent is read from input events (wheel, touch, keys, scrollbar, selection), never
 * from scroll positions alone, so the list's own writes and layout changes cannot release it; a scroll that moves
 * the view up by the reader's hand (momentum the input events did not announce) releases it too.
 */
export function useStickToBottom(
  target: MaybeRefOrGetter<HTMLElement | null | undefined>,
  options: UseStickToBottomOptions = {},
): UseStickToBottomReturn {
  const threshold = options.threshold ?? 48
  const isLocked = shallowRef(options.initial ?? true)
  const isAwayFromBottom = shallowRef(false)
  const releaseReason = shallowRef<StickReleaseReason | null>(null)

  // Positions our own writes are expected to land on; a scroll event there is ours.
  let expected: number[] = []
  let lastTop = 0
  let lastHeight = 0
  let touchY: number | null = null
  let cleanups: (() => void)[] = []

  function maxTop(el: HTMLElement): number {
    return Math.max(0, el.scrollHeight - el.clientHeight)
  }

  function distanceFromBottom(): number {
    const el = toValue(target)
    return el ? maxTop(el) - el.scrollTop : 0
  }

  function updateAway(el: HTMLElement) {
    const away = maxTop(el) - el.scrollTop > threshold
    if (away !== isAwayFromBottom.value) isAwayFromBottom.value = away
  }

  function expectScrollTo(top: number) {
    expected.push(top)
    if (expected.length > 8) expected = expected.slice(-8)
  }

  function writeScrollTop(top: number) {
    const el = toValue(target)
    if (!el) return
    const clamped = Math.max(0, Math.min(top, maxTop(el)))
    // Already there (e.g. the browser clamped it): the scroll event still to come is ours all the same.
    if (Math.abs(el.scrollTop - clamped) >= 0.5) el.scrollTop = clamped
    if (Math.abs(lastTop - el.scrollTop) >= 0.5) expectScrollTo(el.scrollTop)
    lastTop = el.scrollTop
    lastHeight = el.scrollHeight
  }

  function pin() {
    const el = toValue(target)
    if (!el) return
    writeScrollTop(maxTop(el))
    updateAway(el)
  }

  function release(reason: StickReleaseReason = 'api') {
    if (!isLocked.value) return
    isLocked.value = false
    releaseReason.value = reason
    options.onRelease?.(reason)
  }

  function lock() {
    if (isLocked.value) return
    isLocked.value = true
    releaseReason.value = null
    options.onLock?.()
  }

  function scrollToBottom() {
    lock()
    pin()
  }

  function isOwnScroll(top: number): boolean {
    const i = expected.findIndex((e) => Math.abs(e - top) <= 1.5)
    if (i === -1) return false
    expected = expected.slice(i + 1)
    return true
  }

  function onScroll() {
    const el = toValue(target)
    if (!el) return
    const top = el.scrollTop
    const movedBy = top - lastTop
    lastTop = top
    // The content got shorter since the last event: an upward move is the browser clamping, not the reader.
    const shrank = el.scrollHeight < lastHeight
    lastHeight = el.scrollHeight
    updateAway(el)
    if (isOwnScroll(top)) return
    expected = []
    const distance = maxTop(el) - top
    if (isLocked.value) {
      // A hand-made upward scroll the input listeners did not see (e.g. momentum, assistive tech).
      // A clamp after the content or the container shrank lands on the bottom and is not one.
      if (movedBy < -1 && distance > 1 && !shrank) release('scroll')
    } else if (movedBy > 0 && distance <= threshold) {
      lock()
    }
  }

  function onWheel(e: WheelEvent) {
    if (e.ctrlKey) return
    if (e.deltaY < 0) release('wheel')
  }

  function onTouchStart(e: TouchEvent) {
    touchY = e.touches[0]?.clientY ?? null
  }

  function onTouchMove(e: TouchEvent) {
    const y = e.touches[0]?.clientY
    // The finger moving down drags the content down: the reader goes back in time.
    if (touchY !== null && y !== undefined && y > touchY + 2) release('touch')
  }

  function onKeyDown(e: KeyboardEvent) {
    if (RELEASE_KEYS.has(e.key) && !isEditable(e.target)) release('key')
  }

  function onPointerDown(e: PointerEvent) {
    const el = toValue(target)
    // Only the scrollbar (or the container's own padding) has the container itself as target.
    if (el && e.target === el) release('scrollbar')
  }

  function onSelectionChange() {
    const el = toValue(target)
    const selection = document.getSelection()
    if (!el || !selection || selection.isCollapsed || !selection.anchorNode) return
    if (el.contains(selection.anchorNode)) release('selection')
  }

  function onResize() {
    const el = toValue(target)
    if (!el) return
    // The container or the content changed size: follow when locked; otherwise leave the reader where they are.
    if (isLocked.value) pin()
    else updateAway(el)
  }

  function attach(el: HTMLElement) {
    const passive = { passive: true } as const
    // Capture: a hand-made scroll releases before anyone else re-renders for it (a virtualizer rendering the rows
    // there, whose new size would otherwise be followed back to the bottom).
    el.addEventListener('scroll', onScroll, { passive: true, capture: true })
    el.addEventListener('wheel', onWheel, passive)
    el.addEventListener('touchstart', onTouchStart, passive)
    el.addEventListener('touchmove', onTouchMove, passive)
    el.addEventListener('keydown', onKeyDown)
    el.addEventListener('pointerdown', onPointerDown)
    document.addEventListener('selectionchange', onSelectionChange)
    lastTop = el.scrollTop
    lastHeight = el.scrollHeight
    if (isLocked.value) pin()
    else updateAway(el)
    cleanups.push(() => {
      el.removeEventListener('scroll', onScroll, { capture: true })
      el.removeEventListener('wheel', onWheel)
      el.removeEventListener('touchstart', onTouchStart)
      el.removeEventListener('touchmove', onTouchMove)
      el.removeEventListener('keydown', onKeyDown)
      el.removeEventListener('pointerdown', onPointerDown)
      document.removeEventListener('selectionchange', onSelectionChange)
    })
  }

  // One observer for the composable's lifetime: observers are notified in creation order, so ours runs before
  // observers created later (and pins before they read the layout).
  let observer: ResizeObserver | undefined
  let observed: Element[] = []
  function observe(el: HTMLElement | null | undefined, content: readonly (HTMLElement | null | undefined)[]) {
    const next: Element[] = el ? [el, ...content.filter((c): c is HTMLElement => !!c)] : []
    if (next.length > 0) observer ??= new ResizeObserver(onResize)
    for (const item of observed) if (!next.includes(item)) observer?.unobserve(item)
    for (const item of next) if (!observed.includes(item)) observer?.observe(item)
    observed = next
  }

  function detach() {
    for (const cleanup of cleanups) cleanup()
    cleanups = []
  }

  watch(
    () => toValue(target),
    (el) => {
      detach()
      if (el) attach(el)
    },
    { immediate: true, flush: 'post' },
  )

  watch(
    () => {
      const el = toValue(target)
      const content = toValue(options.content)
      if (content === undefined) return [el, [el?.firstElementChild as HTMLElement | null]] as const
      return [el, Array.isArray(content) ? content : [content as HTMLElement | null]] as const
    },
    ([el, content]) => observe(el, content),
    { immediate: true, flush: 'post' },
  )

  onScopeDispose(() => {
    detach()
    observer?.disconnect()
  })

  return {
    isLocked: readonly(isLocked),
    isAwayFromBottom: readonly(isAwayFromBottom),
    releaseReason: readonly(releaseReason),
    scrollToBottom,
    release,
    writeScrollTop,
    expectScrollTo,
    distanceFromBottom,
  }
}
