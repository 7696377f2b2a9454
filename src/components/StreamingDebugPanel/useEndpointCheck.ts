import { getCurrentScope, onScopeDispose, shallowRef, type ShallowRef } from 'vue'
import { runDoctor } from '../../doctor/run'
import type { CheckResult, DoctorOptions, DoctorReport } from '../../doctor/types'
import type { TokenSource } from '../../stream/types'

/** What a check run needs from the page; the rest of `DoctorOptions` is set for the browser. */
export interface EndpointCheckInput extends Omit<DoctorOptions, 'runtime' | 'token' | 'signal' | 'onCheck'> {
  /** The app's token, or the function the app passes to the stream client (asked once per run). */
  token?: TokenSource
}

export interface UseEndpointCheckReturn {
  /** The finished run (undefined while running or before the first run). */
  report: Readonly<ShallowRef<DoctorReport | undefined>>
  /** Results as the checks finish, for progress while running. */
  results: Readonly<ShallowRef<readonly CheckResult[]>>
  running: Readonly<ShallowRef<boolean>>
  /** Why a run could not start (no URL, the token function failed). */
  error: Readonly<ShallowRef<string | undefined>>
  /** Runs the checks from this page; a run in progress is cancelled first. */
  run(input: EndpointCheckInput): Promise<DoctorReport | undefined>
  cancel(): void
}

/** The HTTP version the browser used for a URL, from Resource Timing (empty when the server hides it). */
function resourceTimingVersion(url: string): string | undefined {
  if (typeof performance === 'undefined' || typeof performance.getEntriesByName !== 'function') return undefined
  const entries = performance.getEntriesByName(url, 'resource') as PerformanceResourceTiming[]
  return entries.at(-1)?.nextHopProtocol || undefined
}

/**
 * The endpoint doctor from this page: the same checks as `npx vue-chat-stream doctor`, through the browser's own
 * fetch, so CORS is what this page really gets. A run in progress is cancelled when the calling scope ends.
 */
export function useEndpointCheck(): UseEndpointCheckReturn {
  const report = shallowRef<DoctorReport>()
  const results = shallowRef<readonly CheckResult[]>([])
  const running = shallowRef(false)
  const error = shallowRef<string>()
  let controller: AbortController | undefined

  function cancel() {
    controller?.abort()
    controller = undefined
    running.value = false
  }

  async function run(input: EndpointCheckInput): Promise<DoctorReport | undefined> {
    cancel()
    const own = new AbortController()
    controller = own
    report.value = undefined
    results.value = []
    error.value = undefined
    if (!input.url.trim()) {
      error.value = 'Give the URL of the streaming endpoint (POST …/messages).'
      return undefined
    }
    running.value = true
    try {
      const token = typeof input.token === 'function' ? await input.token() : input.token
      const done = await runDoctor({
        httpVersion: resourceTimingVersion,
        ...input,
        token,
        runtime: 'browser',
        signal: own.signal,
        onCheck: (result) => {
          if (controller === own) results.value = [...results.value, result]
        },
      })
      if (controller !== own) return undefined
      report.value = done
      return done
    } catch (cause) {
      if (controller === own) error.value = `The check could not run: ${cause instanceof Error ? cause.message : String(cause)}`
      return undefined
    } finally {
      if (controller === own) {
        running.value = false
        controller = undefined
      }
    }
  }

  if (getCurrentScope()) onScopeDispose(cancel)
  return { report, results, running, error, run, cancel }
}
