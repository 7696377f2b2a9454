/**
 * The pixel comparison of the visual suite. Vitest's defaults let a 1 px shift pass; with a zero threshold and
 * anti-aliased pixels counted, a change of one formatting token fails (test/visual-guard.browser.test.ts).
 */
export const VISUAL_COMPARATOR = { threshold: 0, includeAA: true } as const
