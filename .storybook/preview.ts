import type { Preview } from '@storybook/vue3-vite'
import { setup } from '@storybook/vue3-vite'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { createPinia } from 'pinia'
import '@fontsource/inter/400.css'
import '@fontsource/inter/600.css'
import '../src/styles/tokens.css'
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
  },
  initialGlobals: { theme: 'light' },
  decorators: [
    (story, context) => {
      const theme = (context.globals.theme as string | undefined) ?? 'light'
      document.documentElement.dataset.vcsTheme = theme
      return {
        components: { story },
        template: `<div class="vcs-story-root" data-vcs-theme="${theme}"><story /></div>`,
      }
    },
  ],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    a11y: { test: 'error' },
    chromatic: { modes: allModes },
  },
}

export default preview
