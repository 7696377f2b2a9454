// Development-only warnings. The library keeps the console quiet in production: a warning is written only when the
// app's bundler says it is not a production build (`process.env.NODE_ENV`, which Vite, webpack and Rollup replace
// in dependencies too). `import.meta.env.DEV` would not do: the library's own build would fix it to false.

/** True in a development or test build of the app; false in production and where nothing says. */
export function isDevBuild(): boolean {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    // no bundler replaced it and there is no `process` (a plain browser): treat as production
    return false
  }
}

/** `console.warn` in development builds only (docs/streaming.md, "Appending by hand"). */
export function devWarn(message: string): void {
  if (isDevBuild()) console.warn(`[vue-chat-stream] ${message}`)
}
