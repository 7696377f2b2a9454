import type { Ref } from 'vue'
import { createContext } from '../context'

/** What StreamingDebugPanel shares with its cards. */
export interface DebugPanelContext {
  /** Heading element of a card: one level below the panel's title (`h3` under an `h2`). */
  cardHeading: Readonly<Ref<string>>
  /** The figures are live: they differ from run to run, so their regions are marked for Chromatic to ignore. */
  isLive: Readonly<Ref<boolean>>
}

export const [injectDebugPanelContext, provideDebugPanelContext] = createContext<DebugPanelContext>('StreamingDebugPanel')
