import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import pluginVue from 'eslint-plugin-vue'
import regexp from 'eslint-plugin-regexp'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Architecture (docs/architecture.md): data flows server → stream → chat → stores/composables → components, the
// debug side only observes, and no module imports itself in a circle. Tests and test support may import anything.
const DEBUG_SIDE = ['./src/debug.ts', './src/diagnostics', './src/doctor', './src/components/StreamingDebugPanel', './src/composables/useReactivityMonitor.ts']
/** A room may import only itself and the rooms named. */
const room = (folder, ...allowed) => ({
  target: `./src/${folder}`,
  from: './src',
  except: [`./${folder}`, ...allowed.map((name) => `./${name}`), './types.ts'],
  message: `src/${folder} may import only ${allowed.length ? allowed.join(', ') + ' and ' : ''}types.ts (docs/architecture.md).`,
})
const architecture = {
  files: ['src/**/*.ts', 'src/**/*.vue', 'mocks/**/*.ts'],
  ignores: ['**/*.test.ts', '**/*.test-d.ts', '**/*.test-support.ts', '**/test-helpers.ts', '**/testing.ts'],
  plugins: { 'import-x': importX },
  // import-x parses the imported files too: a .vue file imported from a .ts file needs the TypeScript parser inside.
  languageOptions: { parserOptions: { parser: tseslint.parser } },
  settings: {
    'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.vue', '.js', '.mjs'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    'import-x/parsers': { 'vue-eslint-parser': ['.vue'], '@typescript-eslint/parser': ['.ts'] },
  },
  rules: {
    'import-x/no-cycle': ['error', { ignoreExternal: true }],
    'import-x/no-restricted-paths': [
      'error',
      {
        zones: [
          { target: './src/types.ts', from: './src', except: ['./types.ts'], message: 'src/types.ts is the shared vocabulary: it imports nothing.' },
          room('errors'),
          room('i18n'),
          room('instrumentation'),
          room('markdown'),
          room('stream', 'errors'),
          room('chat', 'stream', 'errors', 'instrumentation'),
          room('stores', 'chat', 'stream', 'errors'),
          room('composables', 'chat', 'stream', 'errors', 'instrumentation'),
          room('diagnostics', 'stream', 'errors', 'composables/useReactivityMonitor.ts'),
          room('doctor', 'stream', 'errors', 'diagnostics'),
          room('components', 'composables', 'markdown', 'errors', 'i18n', 'instrumentation', 'diagnostics', 'doctor', 'stream'),
          {
            target: ['./src/stream', './src/chat', './src/stores', './src/markdown', './src/errors', './src/i18n', './src/instrumentation', './src/composables/useChatStream.ts', './src/composables/useStickToBottom.ts', './src/composables/useOnline.ts', './src/components/MessageItem', './src/components/MessageList', './src/components/ChatConfig', './src/components/ServiceNotice', './src/index.ts', './src/markdown-entry.ts'],
            from: DEBUG_SIDE,
            message: 'The hot path and the root entries never import the debug side (apps that skip vue-chat-stream/debug must not ship it).',
          },
          { target: './src', from: './mocks', message: 'Production code never imports the mock harness.' },
          { target: './mocks', from: './src', message: 'The harness stands alone: it plays the server contract without the library.' },
        ],
      },
    ],
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: ['vue-chat-stream', 'vue-chat-stream/*'], message: 'Inside the library, import modules relatively; the package names are for tests, stories and apps.' }] },
    ],
  },
}

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.cache', 'storybook-static', 'public/mockServiceWorker.js', '.vitest-attachments', 'coverage', 'examples/*/node_modules', 'examples/*/dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/no-v-html': 'off',
    },
  },
  {
    files: ['scripts/**', 'mocks/cli.ts', 'bench/**', '.ci/**', 'examples/**'],
    rules: { 'no-console': 'off' },
  },
  architecture,
  // Model output is untrusted input: no regular expression may backtrack or scan super-linearly on it (issue 14).
  // The recommended set applies where it is clean (the markdown pipeline and the message view).
  {
    files: ['src/**/*.{ts,vue}', 'mocks/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    files: ['src/markdown/**/*.{ts,vue}', 'src/components/MessageItem/**/*.{ts,vue}'],
    rules: regexp.configs['flat/recommended'].rules,
  },
)
