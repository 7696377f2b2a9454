// Row 5 of issue 15: redact what we know. A server that echoes the token it got (the harness's echo-token) must
// not get it into an error, the panel's log, or an exported diagnostics file — patterns only catch JWT and
// `Bearer …` shapes, so the client removes every token value it sent.
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MISBEHAVE_HEADER, SCENARIO_HEADER, startMockServer, type MockServer } from 'vue-chat-stream/mocks/node'
import { useSessionsStore } from '../stores/sessions'
import { openEventStream } from '../stream/open'
import { collectDiagnostics, recordStream, stringifyDiagnostics } from './index'

/** Opaque: no JWT dots, no `Bearer` in front where it is echoed — only the client knows it is a secret. */
const TOKEN = 'opaque-7d3f19c4b2'
const ROTATED = 'opaque-rotated-88e1a0'
let server: MockServer

beforeAll(async () => {
  server = await startMockServer({ timeScale: 0.05, tokens: [TOKEN, ROTATED] })
})
afterAll(() => server.close())

const headers = (scenario: object) => ({ [SCENARIO_HEADER]: JSON.stringify({ fixture: 'one-liner', speed: 'instant', ...scenario }), [MISBEHAVE_HEADER]: 'echo-token' })

async function drain(stream: AsyncIterable<unknown>) {
  try {
    for await (const _ of stream) {
      // read to the end
    }
  } catch {
    // the error is what is checked
  }
}

describe('an echoing server and the tokens the client sent', () => {
  it('a 401 that echoes a wrong token: the error, the log and the exported file carry [redacted]', async () => {
    const wrong = 'opaque-wrong-5c2e77'
    const stream = openEventStream(`${server.url}/api/sessions/r1/messages`, { body: { content: 'hi' }, token: wrong, headers: headers({}), retry: { maxAttempts: 0 } })
    const recording = recordStream(stream)
    await drain(stream)
    const file = collectDiagnostics({ stream: recording.snapshot(), now: new Date(0) })
    const exported = stringifyDiagnostics(file)
    expect(file.stream!.error).toMatchObject({ status: 401, detail: 'Invalid token "[redacted]"' })
    expect(file.stream!.log.find((e) => e.type === 'error')!.text).toContain('Invalid token "[redacted]"')
    expect(exported).not.toContain(wrong)
    expect(JSON.stringify(stream.metrics())).not.toContain(wrong)
  })

  it('an `event: error` echoing the token (from a token function): not in the log, the export, or the message’s error', async () => {
    setActivePinia(createPinia())
    const store = useSessionsStore()
    let calls = 0
    store.configure({ baseUrl: server.url, token: () => (calls++ === 0 ? TOKEN : ROTATED), headers: headers({ interruption: 'error-event' }), retry: { maxAttempts: 0 } })
    store.createSession({ id: 's' })
    const answer = store.sendMessage('s', 'q')
    const id = store.getMessages('s').value[1]!.id
    const stream = store.activeStream(id)!
    const recording = recordStream(stream)
    const final = await answer
    expect(final.error).toMatchObject({ kind: 'protocol', message: 'The server reported an error: The model stopped unexpectedly. Try again. (request token [redacted])' })
    const file = collectDiagnostics({ stream: recording.snapshot(), now: new Date(0) })
    const exported = stringifyDiagnostics(file)
    expect(exported).toContain('(request token [redacted])')
    for (const text of [exported, JSON.stringify(final)]) expect(text).not.toContain(TOKEN)
  })
})
