import { redactDiagnostics } from './redact'
import { DIAGNOSTICS_SCHEMA, DIAGNOSTICS_VERSION } from './schema'
import type { DiagnosticsFile, StreamDiagnostics } from './schema'

/** Result of `parseDiagnostics`: the file, or a sentence saying why it cannot be read. */
export type ParseDiagnosticsResult = { ok: true; diagnostics: DiagnosticsFile } | { ok: false; error: string }

/** Files above this size are refused (a capped log keeps real files far below it). */
export const MAX_DIAGNOSTICS_CHARS = 5_000_000

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)
const numbers = (v: unknown) => (Array.isArray(v) ? v.map((x) => num(x)) : [])
const list = <T>(v: unknown, ok: (x: Record<string, unknown>) => boolean): T[] =>
  Array.isArray(v) ? (v.filter((x) => isObject(x) && ok(x)) as T[]) : []

/** Fills what an older or hand-edited file left out, so the panel can render any file that parses. */
function normalizeStream(s: Record<string, unknown>): StreamDiagnostics {
  const throughput = isObject(s.throughput) ? s.throughput : {}
  const gaps = isObject(s.gaps) ? s.gaps : {}
  return {
    ...(s as unknown as StreamDiagnostics),
    transport: (typeof s.transport === 'string' ? s.transport : 'fetch') as StreamDiagnostics['transport'],
    tokenTransport: (typeof s.tokenTransport === 'string' ? s.tokenTransport : 'none') as StreamDiagnostics['tokenTransport'],
    state: (typeof s.state === 'string' ? s.state : 'closed') as StreamDiagnostics['state'],
    durationMs: num(s.durationMs),
    bytes: num(s.bytes),
    chunks: num(s.chunks),
    events: num(s.events),
    chars: num(s.chars),
    bytesPerSecond: num(s.bytesPerSecond),
    eventsPerSecond: num(s.eventsPerSecond),
    charsPerSecond: num(s.charsPerSecond),
    largestGapMs: num(s.largestGapMs),
    retries: num(s.retries),
    lastEventId: typeof s.lastEventId === 'string' ? s.lastEventId : '',
    observedFromStart: s.observedFromStart !== false,
    phases: list(s.phases, (x) => typeof x.state === 'string'),
    throughput: { bucketMs: num(throughput.bucketMs, 250), chars: numbers(throughput.chars), bytes: numbers(throughput.bytes) },
    gaps: { edgesMs: numbers(gaps.edgesMs), counts: numbers(gaps.counts) },
    stalls: list(s.stalls, (x) => typeof x.idleMs === 'number'),
    retryLog: list(s.retryLog, (x) => typeof x.reason === 'string'),
    log: list(s.log, (x) => typeof x.text === 'string' && typeof x.type === 'string'),
    logOmitted: num(s.logOmitted),
  }
}

/**
 * Reads a diagnostics file (JSON text or an already parsed value). Checks the schema and version, fills missing
 * fields, and redacts again — a file may have been edited by hand before it reached support.
 */
export function parseDiagnostics(input: string | unknown): ParseDiagnosticsResult {
  let value: unknown = input
  if (typeof input === 'string') {
    if (input.length > MAX_DIAGNOSTICS_CHARS) {
      return { ok: false, error: `The file is too large (${input.length} characters; at most ${MAX_DIAGNOSTICS_CHARS}).` }
    }
    try {
      value = JSON.parse(input)
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      return { ok: false, error: `This is not JSON (${why}). Paste the whole file made by "Copy diagnostics".` }
    }
  }
  if (!isObject(value) || value.schema !== DIAGNOSTICS_SCHEMA) {
    return { ok: false, error: `This is not a vue-chat-stream diagnostics file (its "schema" is not "${DIAGNOSTICS_SCHEMA}").` }
  }
  const version = value.version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: 'The file has no valid "version".' }
  }
  if (version > DIAGNOSTICS_VERSION) {
    return {
      ok: false,
      error: `The file was made by a newer version of vue-chat-stream (diagnostics version ${version}; this panel reads up to ${DIAGNOSTICS_VERSION}). Update the package that shows the panel.`,
    }
  }
  const file: DiagnosticsFile = {
    schema: DIAGNOSTICS_SCHEMA,
    version,
    createdAt: typeof value.createdAt === 'string' ? value.createdAt : '',
    redacted: true,
  }
  if (isObject(value.environment)) file.environment = value.environment as DiagnosticsFile['environment']
  if (typeof value.note === 'string') file.note = value.note
  if (isObject(value.stream)) file.stream = normalizeStream(value.stream)
  if (isObject(value.reactivity)) file.reactivity = value.reactivity as unknown as DiagnosticsFile['reactivity']
  if (isObject(value.list)) file.list = value.list as DiagnosticsFile['list']
  return { ok: true, diagnostics: redactDiagnostics(file) }
}
