import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { setWindowSize } from './.storybook/visual-commands.ts'
import { loadAverage } from './bench/commands.ts'
import { VISUAL_COMPARATOR } from './.storybook/visual-comparator.ts'
// @ts-expect-error -- plain .mjs helper shared with the npm scripts
import { CHROMIUM_ARGS, findChromium } from './scripts/browser-path.mjs'

const root = fileURLToPath(new URL('.', import.meta.url))

function chromium() {
  const executablePath = findChromium() as string | undefined
  if (!executablePath) {
    throw new Error('No Chromium found: run `node scripts/ensure-browser.mjs` or set CHROMIUM_PATH.')
  }
  return playwright({
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    contextOptions: { reducedMotion: 'reduce', colorScheme: 'light' },
  })
}

/** Browser mode in headless Chromium at the desktop size; shared by the browser, bench and storybook projects. */
function chromiumBrowser() {
  return {
    enabled: true,
    headless: true,
    provider: chromium(),
    instances: [{ browser: 'chromium' as const }],
    viewport: { width: 1024, height: 768 },
  }
}

export default defineConfig({
  plugins: [vue()],
  // Pre-bundle shiki's lazily imported grammars/themes so their first dynamic import never reloads a test page.
  optimizeDeps: {
    include: [
      'shiki/core',
      'shiki/engine/javascript',
      'shiki/themes/github-light-default.mjs',
      'shiki/themes/github-dark-default.mjs',
      ...['typescript', 'javascript', 'tsx', 'jsx', 'python', 'bash', 'json', 'diff', 'html', 'css', 'vue', 'yaml', 'go', 'rust', 'sql', 'java', 'c', 'cpp', 'markdown'].map((l) => `shiki/langs/${l}.mjs`),
    ],
  },
  resolve: {
    alias: {
      'vue-chat-stream/mocks/node': `${root}mocks/node.ts`,
      'vue-chat-stream/mocks': `${root}mocks/index.ts`,
      'vue-chat-stream/debug': `${root}src/debug.ts`,
      'vue-chat-stream/markdown': `${root}src/markdown-entry.ts`,
      'vue-chat-stream': `${root}src/index.ts`,
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
          // A per-run directory for the one Storybook build the docs and embedding tests share (built lazily).
          globalSetup: ['./test/global-setup/storybook-build-dir.ts'],
          typecheck: { enabled: true, checker: 'vue-tsc', include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.ts', 'mocks/**/*.browser.test.ts', 'test/**/*.browser.test.ts'],
          // A real loopback harness server for transport tests: `inject('mockServerUrl')`.
          globalSetup: ['./test/global-setup/mock-server.ts'],
          browser: chromiumBrowser(),
          testTimeout: 60_000,
        },
      },
      {
        // Benchmarks: real Chromium, ratios measured in one run. Not part of `npm test` (`npm run bench`).
        extends: true,
        test: {
          name: 'bench',
          include: ['bench/**/*.bench.ts'],
          browser: { ...chromiumBrowser(), commands: { loadAverage } },
          testTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: `${root}.storybook` })],
        test: {
          name: 'storybook',
          setupFiles: ['.storybook/visual.setup.ts'],
          hookTimeout: 120_000,
          provide: { vcsVisual: process.env.VCS_VISUAL === '1' },
          browser: {
            ...chromiumBrowser(),
            commands: { setWindowSize },
            expect: {
              toMatchScreenshot: {
                // The defaults let a 1 px shift pass; exact comparison with anti-aliasing counted does not.
                comparatorName: 'pixelmatch',
                comparatorOptions: { ...VISUAL_COMPARATOR, allowedMismatchedPixels: 0 },
                resolveScreenshotPath: ({ arg, ext }) => `${root}stories/__screenshots__/${arg}${ext}`,
                resolveDiffPath: ({ arg, ext }) => `${root}.vitest-attachments/visual/${arg}${ext}`,
              },
            },
          },
          testTimeout: 120_000,
        },
      },
    ],
  },
})
