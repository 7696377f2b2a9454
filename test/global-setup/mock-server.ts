// Browser-project globalSetup: one real loopback harness server for every *.browser.test.ts, at 1/20 of real
// time. Tests read its URL with `inject('mockServerUrl')` (from 'vitest').
import type { TestProject } from 'vitest/node'
import { startMockServer } from 'vue-chat-stream/mocks/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:40123 — the harness (mocks/server.ts), CORS open, timeScale 0.05. */
    mockServerUrl: string
  }
}

export default async function setup(project: TestProject) {
  const server = await startMockServer({ timeScale: 0.05 })
  project.provide('mockServerUrl', server.url)
  return () => server.close()
}
