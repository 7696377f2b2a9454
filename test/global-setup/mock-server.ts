// Browser-project globalSetup: one real loopback harness server for every *.browser.test.ts, at 1/20 of real
// time. Tests read its URL with `inject('mockServerUrl')` (from 'vitest').
import type { TestProject } from 'vitest/node'
import { startMockServer } from 'vue-chat-stream/mocks/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:40123 — the harness (mocks/server.ts), CORS open, timeScale 0.05. */
    mockServerUrl: string
    /** The same harness allowing CORS only for https://app.example (`cors-second-origin`): test pages are refused. */
    mockServerNoCorsUrl: string
    /**
     * The harness at 1/5 of real time, for the endpoint check that must see an answer arrive over time: at 1/20 the
     * default answer's events span ~100 ms, the doctor's own window for "all at once", and it once read as buffered.
     */
    mockServerDoctorUrl: string
  }
}

export default async function setup(project: TestProject) {
  const server = await startMockServer({ timeScale: 0.05 })
  const noCors = await startMockServer({ timeScale: 0.05, misbehave: 'cors-second-origin' })
  const doctor = await startMockServer({ timeScale: 0.2 })
  project.provide('mockServerUrl', server.url)
  project.provide('mockServerNoCorsUrl', noCors.url)
  project.provide('mockServerDoctorUrl', doctor.url)
  return async () => {
    await Promise.all([server.close(), noCors.close(), doctor.close()])
  }
}
