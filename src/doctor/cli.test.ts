// `vue-chat-stream doctor` as a process: arguments, exit codes, text and JSON output, the token kept out of both.
// (test/consumer.test.ts runs the built bin from the packed tarball.)
import { execFile } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockServer, type MockServer } from 'vue-chat-stream/mocks/node'
import type { DoctorReport } from './types'

const TOKEN = 'cli-test-token-91c2'

interface Run {
  code: number
  stdout: string
  stderr: string
}

function doctor(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', './mocks/register-ts.mjs', 'src/doctor/cli.ts', ...args],
      { env: { ...process.env, ...env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    )
  })
}

let good: MockServer
let quiet: MockServer
const endpoint = (server: MockServer) => `${server.url}/api/sessions/s1/messages`

beforeAll(async () => {
  // Real-time-ish: the default 1 s needed to tell streaming from buffering, the default 30 s stall timeout.
  good = await startMockServer({ timeScale: 0.5, tokens: [TOKEN] })
  // Thinks for 35 s (3.5 s here) without a heartbeat; with --stall-timeout 2000 that is a stall, whatever the lag.
  quiet = await startMockServer({ timeScale: 0.1, tokens: [TOKEN], misbehave: 'no-heartbeats' })
})

afterAll(async () => {
  await Promise.all([good?.close(), quiet?.close()])
})

describe('npx vue-chat-stream doctor', () => {
  it('prints a JSON report for CI and exits 0 when every check passes; the token comes from the environment and never shows', async () => {
    const run = await doctor(['doctor', endpoint(good), '--token-env', 'VCS_DOCTOR_TOKEN', '--origin', 'https://app.example', '--json'], {
      VCS_DOCTOR_TOKEN: TOKEN,
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as DoctorReport
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['auth-header', 'pass'],
      ['token-in-query', 'pass'],
      ['cors', 'pass'],
      ['no-buffering', 'pass'],
      ['heartbeats', 'pass'],
      ['resume', 'pass'],
      ['errors', 'pass'],
      ['framing', 'pass'],
    ])
    expect(report).toMatchObject({ status: 'pass', origin: 'https://app.example', stallTimeoutMs: 30_000, runtime: 'node' })
    expect(run.stdout).not.toContain(TOKEN)
    expect(run.stdout).toContain('Bearer [redacted]')
  }, 60_000)

  it('prints what it saw and what to change, and exits 1 when a check fails', async () => {
    const run = await doctor(['doctor', endpoint(quiet), '--token', TOKEN, '--stall-timeout', '2000'])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^FAIL {2}Heartbeats within the stall timeout\n {6}observed: no heartbeat comment; the longest silence/m)
    expect(run.stdout).toMatch(/^ {6}change: {3}Send a comment line \(": ping"\) at least every 1\.0 s/m)
    expect(run.stdout).toMatch(/^PASS {2}Auth by header$/m)
    expect(run.stdout).toMatch(/8 checks in [\d.]+ m?s: 7 pass, 0 warn, 1 fail\.\n$/)
    expect(run.stdout + run.stderr).not.toContain(TOKEN)
  }, 60_000)

  it.concurrent.each([
    [['doctor'], /doctor needs the URL/],
    [['doctor', 'http://127.0.0.1:1/api/sessions/s1/messages'], /doctor needs a token/],
    [['doctor', 'http://127.0.0.1:1/x', '--token', 'a', '--token-env', 'B'], /not both/],
    [['doctor', 'http://127.0.0.1:1/x', '--token-env', 'VCS_DOCTOR_UNSET'], /VCS_DOCTOR_UNSET is empty or not set/],
    [['doctor', 'ftp://x', '--token', 'a'], /must start with http/],
    [['doctor', 'http://127.0.0.1:1/x', '--token', 'a', '--origin', 'https://app.example/path'], /--origin is an origin/],
    [['check', 'http://x'], /unknown command "check"/],
  ])('refuses %j with a sentence and exit code 2', async (args, message) => {
    const run = await doctor(args)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).toContain('Usage: npx vue-chat-stream doctor <url>')
  })

  it('fails the auth check, not the process, when the server is not there', async () => {
    const gone = await startMockServer()
    await gone.close()
    const run = await doctor(['doctor', endpoint(gone), '--token', TOKEN, '--json'])
    expect(run.code).toBe(1)
    const auth = (JSON.parse(run.stdout) as DoctorReport).checks[0]!
    expect(auth).toMatchObject({ id: 'auth-header', status: 'fail' })
    expect(auth.observed).toMatch(/→ no answer \(TypeError: fetch failed \(.*ECONNREFUSED/)
  })

  it('prints its usage and version', async () => {
    const help = await doctor(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/--token-env NAME/)
    const version = await doctor(['--version'])
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
  })
})
