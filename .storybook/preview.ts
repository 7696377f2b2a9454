import type { Preview } from '@storybook/vue3-vite'
import { setup } from '@storybook/vue3-vite'
import isChromatic from 'chromatic/isChromatic'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { createPinia } from 'pinia'
import { createPictureHandlers } from 'vue-chat-stream/mocks'
// The fonts an app gets from `vue-chat-stream/fonts.css`: Storybook renders what the example app renders.
import '../src/styles/fonts.css'
import '../src/styles/tokens.css'
import { ChatConfigProvider } from '../src/components/ChatConfig'
import './page.css'
import './snapshot.css'
import { allModes } from './modes'

setup((app) => {
  app.use(createPinia())
})

/** Fonts are bundled; waiting for them keeps pixels machine-independent (`fonts.check()` is not enough). */
async function fontsLoader() {
  await Promise.all([document.fonts.load('400 16px Inter'), document.fonts.load('600 16px Inter')])
  await document.fonts.ready
  return {}
}

const preview: Preview = {
  loaders: [mswLoader(), fontsLoader],
  globalTypes: {
    theme: {
      description: 'Color theme',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
    locale: {
      description: 'Language of every component (ChatConfigProvider)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'de', title: 'Deutsch' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en' },
  decorators: [
    (story, context) => {
      const theme = (context.globals.theme as string | undefined) ?? 'light'
      const locale = (context.globals.locale as string | undefined) ?? 'en'
      document.documentElement.dataset.vcsTheme = theme
      // The page's language follows the components', so a screen reader reads German stories as German.
      document.documentElement.lang = locale
      // Chromatic captures what the local suite captures: caret paused, `data-chromatic="ignore"` regions hidden.
      if (isChromatic()) document.documentElement.dataset.vcsSnapshot = 'true'
      return {
        components: { story, ChatConfigProvider },
        setup: () => ({ locale }),
        template: `<ChatConfigProvider :locale="locale"><div class="vcs-story-root" data-vcs-theme="${theme}"><story /></div></ChatConfigProvider>`,
      }
    },
  ],
  parameters: {
    // The fixtures' pictures (the kitchen sink's diagram) come from the harness, not the network. A story with
    // handlers of its own gets them from createHandlers().
    msw: { handlers: createPictureHandlers() },
    layout: 'padded',
    controls: { expanded: true },
    a11y: { test: 'error' },
    // Modes match the local suite; animations (typing dots, caret) stop at their end frame, not mid-blink.
    chromatic: { modes: allModes, pauseAnimationAtEnd: true },
    options: {
      // Read statically by the indexer: keep it a literal. Within a component, hand-written Guide pages come
      // before the generated Docs page and the stories.
      storySort: {
        order: ['Introduction', 'Components', ['MessageList', 'MessageItem'], 'Store', 'Debug panel', 'Transport', 'Harness'],
      },
    },
  },
}

export default preview
