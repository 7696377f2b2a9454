// Values the Vitest config hands to tests through `provide` / `inject`.
import 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    /** True when the story run also compares screenshots (VCS_VISUAL=1). */
    vcsVisual: boolean
  }
}

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Resizes the top-level browser window (see .storybook/visual-commands.ts). */
    setWindowSize: (width: number, height: number) => Promise<void>
  }
}
