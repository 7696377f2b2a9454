/** What goes wrong, and where. `at` is the fraction of deltas sent before it happens (0..1). */
export type InterruptionSpec =
  | { kind: 'none' }
  /** The connection breaks (mid-frame when `midFrame`); a `GET …/stream` with `Last-Event-ID` resumes it. */
  | { kind: 'drop'; at: number; midFrame: boolean }
  /** No bytes at all (no heartbeats either) for `seconds`, then the stream continues. */
  | { kind: 'stall'; at: number; seconds: number }
  /** `event: error {message}` and the stream ends. */
  | { kind: 'error-event'; at: number; message: string }
  /** The server crashes mid-stream (broken body); the next `times` resume requests answer 500, later ones resume. */
  | { kind: 'http-500'; at: number; times: number }
  /** `503` + `Retry-After` for the first `times` POSTs of a session. */
  | { kind: 'http-503'; retryAfter: number; times: number }
  /** `401 {"detail":"Invalid token"}` whatever the token. */
  | { kind: 'http-401' }
  /** FastAPI's `422` missing-header body whatever the headers. */
  | { kind: 'http-422' }
  /** One frame whose `data` is cut-off JSON (without an id), then the stream continues. */
  | { kind: 'malformed'; at: number }
  /** The server ends the body cleanly but never sends `done`. */
  | { kind: 'no-done'; at: number }
  /** The stream stops at `at` and never ends (snapshots of formatting mid-stream). */
  | { kind: 'frozen'; at: number }
  /**
   * The server takes the first `times` POSTs of a session — the answer runs — but the connection breaks before any
   * response arrives. Only an `Idempotency-Key` lets the client ask again without a second answer being made.
   */
  | { kind: 'lost-response'; times: number }

export type InterruptionKind = InterruptionSpec['kind']

/** Built-in interruptions (names are what controls and `X-Mock-Scenario` use). */
export const interruptions = {
  none: { kind: 'none' },
  drop: { kind: 'drop', at: 0.5, midFrame: true },
  stall: { kind: 'stall', at: 0.5, seconds: 10 },
  'error-event': { kind: 'error-event', at: 0.5, message: 'The model stopped unexpectedly. Try again.' },
  '500': { kind: 'http-500', at: 0.5, times: 1 },
  '503': { kind: 'http-503', retryAfter: 2, times: 1 },
  '503-always': { kind: 'http-503', retryAfter: 2, times: 1_000_000 },
  '401': { kind: 'http-401' },
  '422': { kind: 'http-422' },
  malformed: { kind: 'malformed', at: 0.5 },
  'no-done': { kind: 'no-done', at: 1 },
  frozen: { kind: 'frozen', at: 0.5 },
  'lost-response': { kind: 'lost-response', times: 1 },
} as const satisfies Record<string, InterruptionSpec>

export type InterruptionName = keyof typeof interruptions
export const interruptionNames = Object.keys(interruptions) as InterruptionName[]

/** Defaults per kind, so `{ kind: 'drop', at: 0.2 }` is enough. */
export const interruptionDefaults: { [K in InterruptionKind]: Extract<InterruptionSpec, { kind: K }> } = {
  none: interruptions.none,
  drop: interruptions.drop,
  stall: interruptions.stall,
  'error-event': interruptions['error-event'],
  'http-500': interruptions['500'],
  'http-503': interruptions['503'],
  'http-401': interruptions['401'],
  'http-422': interruptions['422'],
  malformed: interruptions.malformed,
  'no-done': interruptions['no-done'],
  frozen: interruptions.frozen,
  'lost-response': interruptions['lost-response'],
}
