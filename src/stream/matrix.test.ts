import { afterAll, beforeAll, describe, it } from 'vitest'
import { createMswServer, startMockServer, type MockServer } from 'vue-chat-stream/mocks/node'
import { interruptionNames, matrixExpectations, runInterruption } from './matrix.test-support'

// The harness plays at 1/20 of real time: a 10 s stall lasts 0.5 s, typing-speed gaps ~2 ms.
const timeScale = 0.05
const attemptsFor = (name: string) => (name === '503-always' ? 1 : 3)

describe('interruption matrix over MSW (Node), fetch transport', () => {
  const server = createMswServer({ timeScale, baseUrl: 'http://api.test' })
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())

  for (const name of interruptionNames) {
    it(name, async () => {
      const maxAttempts = attemptsFor(name)
      const run = await runInterruption(name, { baseUrl: 'http://api.test', transport: 'fetch', maxAttempts, tag: 'msw' })
      matrixExpectations[name](run, maxAttempts)
    })
  }
})

describe('interruption matrix over the real loopback server, fetch transport, frames cut every 7 bytes', () => {
  let server: MockServer
  beforeAll(async () => {
    server = await startMockServer({ timeScale })
  })
  afterAll(() => server.close())

  for (const name of interruptionNames) {
    it(name, async () => {
      const maxAttempts = attemptsFor(name)
      const run = await runInterruption(name, {
        baseUrl: server.url,
        transport: 'fetch',
        chunking: 'split-7-bytes',
        maxAttempts,
        tag: 'loop',
      })
      matrixExpectations[name](run, maxAttempts)
    })
  }
})
