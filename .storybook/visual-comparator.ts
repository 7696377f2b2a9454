/**
 * The pixel comparison of the visual suite. Vitest's defaults let a 1 px shift pass; with a zero threshold and
 * anti-aliased pixels counted, a change of one formatting token fails (test/visual-guard.browser.test.ts).
 */
export const VISUAL_COMPARATOR = { threshold: 0, includeAA: true } as const

/**
 * The most pixels a story may declare as its tolerance (`parameters.visual.tolerance`): a one-token change moves
 * far more than this (test/visual-guard.browser.test.ts checks it), so a tolerant story still catches it.
 */
export const MAX_TOLERATED_PIXELS = 32
