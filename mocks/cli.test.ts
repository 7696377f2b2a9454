// `npm run mock-server` on plain Node 20 (no --experimental-strip-types): the loader hook runs the TS sources.
import { spawn } from 'node:child_process'
import { expect, it } from 'vitest'
import { MISSING_AUTH_BODY } from './index.js'

it('the mock-server script starts, streams, answers 422 without the header, and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', './mocks/register-ts.mjs', 'mocks/cli.ts', '--port', '0', '--time-scale', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const match = /mock server on (http:\/\/\S+)/.exec(out)
        if (match) resolve(match[1]!)
      })
      child.on('exit', (code) => reject(new Error(`mock server exited with ${code}`)))
    })
    const ok = await fetch(`${url}/api/sessions/s1/messages`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo', 'X-Mock-Scenario': '{"fixture":"one-liner"}' },
      body: '{"content":"hi"}',
    })
    expect(ok.headers.get('content-type')).toBe('text/event-stream')
    expect(await ok.text()).toMatch(/^id: 1\nevent: start\n[\s\S]*event: done\n/)
    const denied = await fetch(`${url}/api/sessions/s1/messages?token=demo`, { method: 'POST', body: '{"content":"hi"}' })
    expect(denied.status).toBe(422)
    expect(await denied.json()).toEqual(MISSING_AUTH_BODY)
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
}, 60_000)
