/** Visual modes: the same matrix runs locally (visual suite) and on Chromatic. */
export const viewports = {
  desktop: { width: 1024, height: 768 },
  mobile: { width: 375, height: 720 },
} as const

export const allModes = {
  'light desktop': { theme: 'light', viewport: 'desktop' },
  'dark desktop': { theme: 'dark', viewport: 'desktop' },
  'light mobile': { theme: 'light', viewport: 'mobile' },
  'dark mobile': { theme: 'dark', viewport: 'mobile' },
} as const

export type ModeName = keyof typeof allModes
