// The doctor against the real loopback harness: one server per doctor misbehaviour (the hostile ones are the
// stream client's), each run of all eight checks.
// Every misbehaviour must make exactly its own check fail, with an actionable message; the good server passes all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { doctorMisbehaviourNames as misbehaviourNames, type DoctorMisbehaviour as Misbehaviour, type Scenario } from 'vue-chat-stream/mocks'
import { startMockServer, type MockServer } from 'vue-chat-stream/mocks/node'
import { DOCTOR_CHECKS, runDoctor } from './run'
import type { CheckId, CheckStatus, DoctorOptions, DoctorReport } from './types'

/** A token that must never show up in any output. */
const TOKEN = 'doctor-test-token-5f3a'
/** The app's allowed origin; the runs send the second one, which `cors-second-origin` does not allow. */
const APP_ORIGIN = 'https://app.example'
const SECOND_ORIGIN = 'https://admin.example'
const TIME_SCALE = 0.1
/**
 * The answer "thinks" for 35 s before its first token with a heartbeat every 2 s, as a real model might; scaled:
 * 3.5 s of thinking with a ping every 200 ms, then ~330 ms of deltas. The good server's heartbeats are seen.
 */
const SCENARIO: Partial<Scenario> = {
  fixture: 'short-answer',
  speed: { tokensPerSecond: 30, firstTokenMs: 35_000, jitter: 0.2, heartbeatMs: 2000 },
}
/**
 * Shortened windows, not weaker checks: a 2 s stall timeout, so 3.5 s without a byte stalls (fail) while 200 ms
 * pings stay far from its half (warn from 1 s). The margins (1.5 s, 0.8 s) absorb the event-loop lag of a busy
 * machine: server and doctor share this process, and a late read shortens the silence the doctor measures.
 */
const TIMING: Partial<DoctorOptions> = { stallTimeoutMs: 2000, minDurationMs: 500, timeoutMs: 20_000 }

/** Which check each misbehaviour must fail, what the others show, and what its message must say. */
const EXPECTED: Record<Misbehaviour, { fails: CheckId; also?: Partial<Record<CheckId, CheckStatus>>; observed: RegExp; advice: RegExp }> = {
  'not-event-stream': {
    fails: 'auth-header',
    // Nothing streamed: the stream checks point at the first failure instead of failing again.
    also: { 'no-buffering': 'warn', heartbeats: 'warn', resume: 'warn', framing: 'warn' },
    observed: /200 application\/json/,
    advice: /Content-Type: text\/event-stream/,
  },
  'token-in-url': { fails: 'token-in-query', observed: /token=\[redacted\] without an Authorization header → 200/, advice: /only in the Authorization header/ },
  'cors-second-origin': {
    fails: 'cors',
    observed: /OPTIONS preflight for POST with authorization, content-type → status 400, no Access-Control-Allow-Origin/,
    advice: /Access-Control-Allow-Origin: https:\/\/admin\.example/,
  },
  'buffering-proxy': {
    fails: 'no-buffering',
    also: { heartbeats: 'warn' },
    observed: /in 1 chunk, .*within the last/,
    advice: /proxy_buffering off/,
  },
  gzip: { fails: 'no-buffering', observed: /Content-Encoding: gzip/, advice: /Exclude text\/event-stream from compression/ },
  'no-heartbeats': { fails: 'heartbeats', observed: /no heartbeat comment; the longest silence .* would have called the stream stalled/, advice: /": ping"/ },
  'replay-on-resume': { fails: 'resume', observed: /first event had id 1 \(start\): the server replays/, advice: /Continue after Last-Event-ID/ },
  'html-errors': { fails: 'errors', observed: /401 text\/html “<html>/, advice: /application\/json and \{"detail"/ },
  'no-retry-after': { fails: 'errors', observed: /503 without Retry-After/, advice: /Send Retry-After/ },
  'no-done': { fails: 'framing', observed: /ended without event: done/, advice: /End every answer with event: done/ },
}

const servers: MockServer[] = []
const reports = new Map<Misbehaviour | 'good', DoctorReport>()

async function check(misbehave: Misbehaviour | 'good'): Promise<DoctorReport> {
  const server = await startMockServer({
    scenario: SCENARIO,
    timeScale: TIME_SCALE,
    tokens: [TOKEN],
    corsOrigin: APP_ORIGIN,
    misbehave: misbehave === 'good' ? [] : misbehave,
  })
  servers.push(server)
  return runDoctor({ url: `${server.url}/api/sessions/s1/messages`, token: TOKEN, origin: SECOND_ORIGIN, ...TIMING })
}

const statuses = (report: DoctorReport) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]))
const byId = (report: DoctorReport, id: CheckId) => report.checks.find((c) => c.id === id)!

beforeAll(async () => {
  // All runs at once, one server each: the whole file takes about as long as one run.
  const names = ['good', ...misbehaviourNames] as const
  const done = await Promise.all(names.map(check))
  names.forEach((name, i) => reports.set(name, done[i]!))
}, 60_000)

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
})

describe('the endpoint doctor against the mock server', () => {
  it('passes every check against the well-behaved server, seeing its heartbeats and a real CORS preflight', () => {
    const report = reports.get('good')!
    expect(statuses(report)).toEqual(Object.fromEntries(DOCTOR_CHECKS.map((c) => [c.id, 'pass'])))
    expect(report.status).toBe('pass')
    expect(byId(report, 'heartbeats').observed).toMatch(/^\d+ heartbeat comments; the longest silence/)
    expect(byId(report, 'cors').observed).toMatch(/preflight for POST with authorization, content-type → 204, allowed.*preflight for GET \(resume\)/)
    expect(byId(report, 'no-buffering').observed).toMatch(/spread over time/)
    expect(byId(report, 'resume').observed).toMatch(/no replay, no gap/)
    expect(byId(report, 'token-in-query').observed).toMatch(/→ 422 \(header authorization: Field required\): refused/)
    expect(byId(report, 'token-in-query').advice).toMatch(/Expected: this is the original bug/)
  })

  it('checks in the documented order and says so in its counts', () => {
    const report = reports.get('good')!
    expect(report.checks.map((c) => c.id)).toEqual(['auth-header', 'token-in-query', 'cors', 'no-buffering', 'heartbeats', 'resume', 'errors', 'framing'])
    expect(report.counts).toEqual({ pass: 8, warn: 0, fail: 0 })
  })

  it('never puts the token in a report', () => {
    for (const report of reports.values()) expect(JSON.stringify(report)).not.toContain(TOKEN)
  })

  it('has a test for every misbehaviour of the harness', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...misbehaviourNames].sort())
  })

  it.each(misbehaviourNames)('%s: exactly its check fails, with what was seen and what to change', (name) => {
    const report = reports.get(name)!
    const want = EXPECTED[name]
    const expected = Object.fromEntries(DOCTOR_CHECKS.map((c) => [c.id, c.id === want.fails ? 'fail' : (want.also?.[c.id] ?? 'pass')]))
    expect(statuses(report), JSON.stringify(report.checks, null, 2)).toEqual(expected)
    const failed = byId(report, want.fails)
    expect(failed.observed).toMatch(want.observed)
    expect(failed.advice).toMatch(want.advice)
    expect(report.status).toBe('fail')
  })

  it('sees each failing check pass against the good server (the same checks, the same options)', () => {
    const good = reports.get('good')!
    for (const name of misbehaviourNames) {
      const id = EXPECTED[name].fails
      expect([name, byId(reports.get(name)!, id).status, byId(good, id).status]).toEqual([name, 'fail', 'pass'])
    }
  })
})
