// useChatStream with the real stream client against the mock harness (MSW in Node).
import { effectScope } from 'vue'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMswServer, DEMO_TOKEN, fixtures, SCENARIO_HEADER, type Scenario } from 'vue-chat-stream/mocks/node'
import { useChatStream } from './useChatStream'

const BASE = 'http://chat-stream.test'
const server = createMswServer({ baseUrl: BASE, timeScale: 0.2 })
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

function chatFor(scenario: Partial<Scenario>) {
  return effectScope().run(() =>
    useChatStream({
      url: `${BASE}/api/sessions/one/messages`,
      token: DEMO_TOKEN,
      headers: { [SCENARIO_HEADER]: JSON.stringify(scenario) },
      retry: { maxAttempts: 0 },
    }),
  )!
}

describe('useChatStream × real client × harness', () => {
  it('streams an answer byte-identical', async () => {
    const chat = chatFor({ fixture: 'i18n', speed: 'instant' })
    const final = await chat.send('hi')
    expect(final.status).toBe('done')
    expect(final.content).toBe(fixtures.i18n.content)
    expect(chat.status.value).toBe('done')
  })

  it('retry after a drop resumes the same message without duplicating text', async () => {
    const chat = chatFor({ fixture: 'kitchen-sink', speed: 'instant', interruption: 'drop' })
    const dropped = await chat.send('hi')
    expect(dropped.status).toBe('error')
    const final = await chat.retry()
    expect(final.id).toBe(dropped.id)
    expect(final.content).toBe(fixtures['kitchen-sink'].content)
    expect(final.status).toBe('done')
  })

  it('a 422 is fatal and keeps FastAPI’s detail', async () => {
    const chat = chatFor({ interruption: '422' })
    const final = await chat.send('hi')
    expect(final.status).toBe('error')
    expect(final.error).toMatchObject({ kind: 'http', status: 422, retryable: false })
    expect(JSON.stringify(final.error?.detail)).toContain('authorization')
  })
})
