// Library build: ESM entries for `.`, `./debug`, `./markdown`, `./mocks`, `./mocks/node`, the `vue-chat-stream` bin, one
// `style.css` and the optional `fonts.css`.
// Runtime dependencies and peers stay external; app bundlers resolve them once.
import { chmodSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig, type Plugin } from 'vite'
import pkg from './package.json' with { type: 'json' }

const root = fileURLToPath(new URL('.', import.meta.url))
const externalPackages = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  'msw',
]

/** npm makes a bin executable when it installs a package, but not in this repo: `npx vue-chat-stream` runs it here too. */
const executableBin: Plugin = {
  name: 'vcs-executable-bin',
  writeBundle(options) {
    chmodSync(`${options.dir ?? 'dist'}/cli.js`, 0o755)
  },
}

/**
 * `vue-chat-stream/fonts.css` as written: its `@import`s name `@fontsource/inter` (a dependency), which the app's
 * bundler resolves and whose font files it copies, as it does for any package's CSS.
 */
const fontsCss: Plugin = {
  name: 'vcs-fonts-css',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'fonts.css', source: readFileSync(`${root}src/styles/fonts.css`, 'utf8') })
  },
}

export default defineConfig({
  plugins: [vue(), executableBin, fontsCss],
  // The MSW worker script belongs to the app (`npx msw init`), not to the package.
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    cssCodeSplit: false,
    lib: {
      entry: {
        index: `${root}src/index.ts`,
        debug: `${root}src/debug.ts`,
        markdown: `${root}src/markdown-entry.ts`,
        mocks: `${root}mocks/index.ts`,
        'mocks-node': `${root}mocks/node.ts`,
        // The `vue-chat-stream` bin (`npx vue-chat-stream doctor <url>`): Node only, no Vue.
        cli: `${root}src/doctor/cli.ts`,
      },
      formats: ['es'],
      cssFileName: 'style',
    },
    rollupOptions: {
      external: (id) =>
        id.startsWith('node:') || externalPackages.some((name) => id === name || id.startsWith(`${name}/`)),
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
})
