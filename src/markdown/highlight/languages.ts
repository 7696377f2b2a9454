import type { LanguageRegistration } from 'shiki/core'

type LangModule = { default: LanguageRegistration[] }

/**
 * Languages loaded on first use: each is its own dynamic import (its own chunk). Unknown languages render as
 * plain text. Add a language here, not by importing a bundle.
 */
export const languageLoaders: Record<string, () => Promise<LangModule>> = {
  typescript: () => import('shiki/langs/typescript.mjs'),
  javascript: () => import('shiki/langs/javascript.mjs'),
  tsx: () => import('shiki/langs/tsx.mjs'),
  jsx: () => import('shiki/langs/jsx.mjs'),
  python: () => import('shiki/langs/python.mjs'),
  bash: () => import('shiki/langs/bash.mjs'),
  json: () => import('shiki/langs/json.mjs'),
  diff: () => import('shiki/langs/diff.mjs'),
  html: () => import('shiki/langs/html.mjs'),
  css: () => import('shiki/langs/css.mjs'),
  vue: () => import('shiki/langs/vue.mjs'),
  yaml: () => import('shiki/langs/yaml.mjs'),
  go: () => import('shiki/langs/go.mjs'),
  rust: () => import('shiki/langs/rust.mjs'),
  sql: () => import('shiki/langs/sql.mjs'),
  java: () => import('shiki/langs/java.mjs'),
  c: () => import('shiki/langs/c.mjs'),
  cpp: () => import('shiki/langs/cpp.mjs'),
  markdown: () => import('shiki/langs/markdown.mjs'),
}

const aliases: Record<string, string> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  py: 'python',
  python3: 'python',
  sh: 'bash',
  shell: 'bash',
  shellscript: 'bash',
  zsh: 'bash',
  console: 'bash',
  jsonc: 'json',
  json5: 'json',
  patch: 'diff',
  xml: 'html',
  svg: 'html',
  yml: 'yaml',
  golang: 'go',
  rs: 'rust',
  'c++': 'cpp',
  hpp: 'cpp',
  h: 'c',
  md: 'markdown',
}

/** The canonical name of a supported language, or `null` (render as plain text). */
export function resolveLanguage(lang: string): string | null {
  const key = lang.trim().toLowerCase()
  if (key in languageLoaders) return key
  return aliases[key] ?? null
}
