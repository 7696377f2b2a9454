import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import regexp from 'eslint-plugin-regexp'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'storybook-static', 'public/mockServiceWorker.js', '.vitest-attachments', 'coverage', 'examples/*/node_modules', 'examples/*/dist'] },
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
