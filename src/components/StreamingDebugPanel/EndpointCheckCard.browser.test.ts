// The panel's endpoint check in real Chromium against the real loopback harness on another port: the browser
// sends its own CORS preflight, so what the card reports is what this page can really do.
import { afterEach, describe, expect, inject, it, vi } from 'vitest'
import { page } from 'vitest/browser'
import { createApp, h, type App } from 'vue'
import type { CheckId, CheckStatus, DoctorReport } from '../../doctor/types'
import EndpointCheckCard, { type EndpointCheckCardProps } from './EndpointCheckCard.vue'

let app: App | undefined
let host: HTMLElement | undefined

function mount(props: EndpointCheckCardProps & { onChecked?: (report: DoctorReport) => void }) {
  host = document.createElement('div')
  document.body.append(host)
  app = createApp({ render: () => h(EndpointCheckCard, props) })
  app.mount(host)
  return host
}

afterEach(() => {
  app?.unmount()
  host?.remove()
  app = undefined
})

const statuses = (root: HTMLElement) =>
  Object.fromEntries([...root.querySelectorAll<HTMLElement>('[data-check]')].map((li) => [li.dataset.check, li.dataset.status]))
const row = (root: HTMLElement, id: CheckId) => root.querySelector<HTMLElement>(`[data-check="${id}"]`)!.textContent ?? ''
const ALL: CheckId[] = ['auth-header', 'token-in-query', 'cors', 'no-buffering', 'heartbeats', 'resume', 'errors', 'framing']

async function runFromTheForm(root: HTMLElement, url: string, token: string) {
  await page.getByLabelText('Endpoint URL').fill(url)
  await page.getByLabelText('Token').fill(token)
  await page.getByRole('button', { name: 'Check endpoint' }).click()
  await expect.poll(() => root.querySelector('[data-testid="endpoint-summary"]')?.textContent ?? '', { timeout: 30_000 }).toMatch(/^8 checks in/)
}

describe('EndpointCheckCard in Chromium', () => {
  it('passes every check against the harness on another origin, through the browser’s own preflight', async () => {
    const onChecked = vi.fn()
    // This harness plays at 1/5 of real time: the answer's events span ~0.5 s; judge arrival from 100 ms on.
    const root = mount({ options: { minDurationMs: 100 }, onChecked })
    await runFromTheForm(root, `${inject('mockServerDoctorUrl')}/api/sessions/card-good/messages`, 'demo')
    expect(statuses(root)).toEqual(Object.fromEntries(ALL.map((id) => [id, 'pass'])))
    expect(row(root, 'cors')).toMatch(/the browser’s preflight for POST with authorization, content-type passed and the 200 answer is readable/)
    expect(row(root, 'cors')).toMatch(/the resume GET with Last-Event-ID passed/)
    expect(row(root, 'auth-header')).toMatch(/Bearer \[redacted\]/)
    expect(root.textContent).not.toMatch(/Bearer demo/)
    expect(onChecked).toHaveBeenCalledOnce()
    expect((onChecked.mock.calls[0]![0] as DoctorReport).runtime).toBe('browser')
  })

  it('reports a server that refuses this page’s origin as CORS — one failure, the rest pointing at it', async () => {
    const root = mount({ options: { minDurationMs: 100 } })
    await runFromTheForm(root, `${inject('mockServerNoCorsUrl')}/api/sessions/card-cors/messages`, 'demo')
    const expected: Record<string, CheckStatus> = {
      'auth-header': 'warn',
      'token-in-query': 'warn',
      cors: 'fail',
      'no-buffering': 'warn',
      heartbeats: 'warn',
      resume: 'warn',
      errors: 'warn',
      framing: 'warn',
    }
    expect(statuses(root)).toEqual(expected)
    expect(row(root, 'cors')).toMatch(new RegExp(`refused the POST from ${location.origin.replace(/[.]/g, '\\.')} before any answer.*almost always CORS`))
    expect(row(root, 'cors')).toMatch(/Change: Allow http:\/\/localhost:\d+ on every answer/)
  })

  it('uses the app’s token function without showing a token field, and shows a given report without the form', async () => {
    const token = vi.fn(() => Promise.resolve('demo'))
    const root = mount({ url: `${inject('mockServerUrl')}/api/sessions/card-fn/messages`, token, options: { minDurationMs: 100 } })
    expect(root.querySelector('input[type="password"]')).toBeNull()
    expect(root.textContent).toContain('Token: the app’s (never shown).')
    await page.getByRole('button', { name: 'Check endpoint' }).click()
    await expect.poll(() => statuses(root)['auth-header'], { timeout: 30_000 }).toBe('pass')
    expect(token).toHaveBeenCalledOnce()
    app!.unmount()
    host!.remove()

    const report: DoctorReport = {
      tool: 'vue-chat-stream doctor',
      url: 'https://api.example/api/sessions/s1/messages',
      runtime: 'node',
      origin: null,
      resumeUrl: 'https://api.example/api/sessions/s1/messages/{messageId}/stream',
      stallTimeoutMs: 30_000,
      startedAt: '2026-12-01T10:00:00.000Z',
      durationMs: 4200,
      status: 'fail',
      counts: { pass: 7, warn: 0, fail: 1 },
      checks: ALL.map((id) => ({ id, title: id, status: id === 'resume' ? 'fail' : 'pass', observed: `seen ${id}`, advice: id === 'resume' ? 'do this' : '' })),
    }
    const shown = mount({ report })
    expect(shown.querySelector('form')).toBeNull()
    expect(shown.querySelector('[data-testid="endpoint-summary"]')!.textContent).toBe('8 checks in 4.2 s: 7 pass, 0 warn, 1 fail.')
    expect(row(shown, 'resume')).toContain('Change: do this')
    expect(shown.textContent).toContain('from the CLI')
  })
})
