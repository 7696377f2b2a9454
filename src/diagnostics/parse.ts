// Reading a diagnostics file someone sent: every field checked by a valibot schema (docs/decisions/diagnostics-import.md),
// arrays capped, text cut, credentials redacted again. Debug side only: valibot never reaches the root entry.
import {
  array,
  boolean,
  finite,
  looseObject,
  minValue,
  nullish,
  number,
  object,
  optional,
  picklist,
  pipe,
  safeParse,
  string,
  transform,
  unknown,
  type BaseIssue,
  type GenericSchema,
} from 'valibot'
import { redactDiagnostics } from './redact'
import { DIAGNOSTICS_SCHEMA, DIAGNOSTICS_VERSION } from './schema'
import type { StreamErrorInfo } from '../types'
import type { DiagnosticsFile, LogEntry, RetryRecord } from './schema'

/** Result of `parseDiagnostics`: the file and what was left out of it, or a sentence saying why it cannot be read. */
export type ParseDiagnosticsResult =
  | {
      ok: true
      diagnostics: DiagnosticsFile
      /** What was cut to keep the panel fast, e.g. `stream.retryLog: 4,000 of 5,000 entries omitted`. */
      notes: string[]
    }
  | { ok: false; error: string }

/** Files above this size are refused (a capped log keeps real files far below it). */
export const MAX_DIAGNOSTICS_CHARS = 5_000_000

/** How much of a file the panel shows; the rest is counted ("N omitted"). */
export const DIAGNOSTICS_IMPORT_LIMITS = {
  /** Log entries: the first 1,000 and the latest 9,000. */
  logEntries: 10_000,
  /** Phases, stalls, retries. */
  records: 1_000,
  /** Throughput points. */
  points: 2_000,
  /** Gap histogram buckets. */
  buckets: 50,
  /** Characters of one log line, URL or message. */
  text: 1_000,
  /** Characters of the note. */
  note: 5_000,
} as const

const L = DIAGNOSTICS_IMPORT_LIMITS

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** A finite number ≥ 0; missing (or null) → `fallback`. */
const amount = (fallback: number) => nullish(pipe(number(), finite(), minValue(0)), fallback)
/** An optional finite number ≥ 0. */
const maybeAmount = () => nullish(pipe(number(), finite(), minValue(0)))
/** Text cut to `max` characters. */
const text = (max: number) => pipe(string(), transform((value: string) => cut(value, max)))
const maybeText = (max: number) => nullish(text(max))

/** Notes collected while one file is read (what the caps left out). */
let notes: string[] = []

/**
 * An array of `item`, at most `max` long: the rest is counted in a note (`path: N of M entries omitted`). The cut
 * comes before the items are checked, so a file of two million entries costs no more than one of `max`.
 */
function capped<T extends GenericSchema>(item: T, max: number, path: string) {
  return nullish(
    pipe(
      array(unknown()),
      transform((values: unknown[]) => {
        if (values.length <= max) return values
        notes.push(`${path}: ${(values.length - max).toLocaleString('en-US')} of ${values.length.toLocaleString('en-US')} entries omitted`)
        return values.slice(0, max)
      }),
      array(item),
    ),
    [],
  )
}

const STATES = ['connecting', 'open', 'retrying', 'closed', 'error'] as const
const PHASES = [...STATES, 'stalled'] as const
const LOG_TYPES = ['connecting', 'open', 'chunk', 'message', 'retry', 'stall', 'error', 'close', 'note'] as const

const errorInfo = pipe(
  object({
    kind: picklist(['http', 'network', 'stall', 'protocol', 'aborted']),
    status: nullish(pipe(number(), finite())),
    // Any shape: formatting a detail is bounded and never throws (src/errors/detail.ts).
    detail: optional(unknown()),
    message: text(L.note),
    retryable: nullish(boolean(), false),
  }),
  transform((error): StreamErrorInfo => withoutEmpty(error) as StreamErrorInfo),
)

const logEntry = object({ atMs: pipe(number(), finite(), minValue(0)), type: picklist(LOG_TYPES), text: text(L.text) })

/** Where the import cut the log (the first tenth and the latest entries are kept): set while a file is read. */
let logCut: { at: number; omitted: number } | undefined

/** The log: when it is too long, the first tenth and the latest entries, and a note where the cut is. */
const log = nullish(
  pipe(
    array(unknown()),
    transform((entries: unknown[]) => {
      if (entries.length <= L.logEntries) return entries
      const head = L.logEntries / 10
      const omitted = entries.length - L.logEntries
      logCut = { at: head, omitted }
      notes.push(`stream.log: ${omitted.toLocaleString('en-US')} of ${entries.length.toLocaleString('en-US')} entries omitted`)
      return [...entries.slice(0, head), ...entries.slice(entries.length - (L.logEntries - head))]
    }),
    array(logEntry),
  ),
  [],
)

const streamSchema = object({
  url: maybeText(L.text),
  method: maybeText(20),
  transport: nullish(picklist(['fetch', 'xhr', 'eventsource']), 'fetch'),
  tokenTransport: nullish(picklist(['header', 'url', 'none']), 'none'),
  state: nullish(picklist(STATES), 'closed'),
  status: nullish(pipe(number(), finite())),
  contentType: maybeText(200),
  error: nullish(errorInfo),
  ttfbMs: maybeAmount(),
  firstEventMs: maybeAmount(),
  firstTokenMs: maybeAmount(),
  durationMs: amount(0),
  bytes: amount(0),
  chunks: amount(0),
  events: amount(0),
  chars: amount(0),
  bytesPerSecond: amount(0),
  eventsPerSecond: amount(0),
  charsPerSecond: amount(0),
  largestGapMs: amount(0),
  retries: amount(0),
  lastEventId: nullish(text(200), ''),
  observedFromStart: nullish(boolean(), true),
  phases: capped(object({ state: picklist(PHASES), atMs: amount(0) }), L.records, 'stream.phases'),
  throughput: nullish(
    object({
      bucketMs: nullish(pipe(number(), finite(), minValue(1)), 250),
      chars: capped(amount(0), L.points, 'stream.throughput.chars'),
      bytes: capped(amount(0), L.points, 'stream.throughput.bytes'),
    }),
    { bucketMs: 250, chars: [], bytes: [] },
  ),
  gaps: nullish(
    object({
      edgesMs: capped(amount(0), L.buckets, 'stream.gaps.edgesMs'),
      counts: capped(amount(0), L.buckets + 1, 'stream.gaps.counts'),
    }),
    { edgesMs: [], counts: [] },
  ),
  stalls: capped(object({ atMs: amount(0), idleMs: amount(0) }), L.records, 'stream.stalls'),
  retryLog: capped(
    pipe(
      object({
        atMs: amount(0),
        attempt: amount(0),
        delayMs: amount(0),
        reason: text(100),
        status: nullish(pipe(number(), finite())),
        message: maybeText(L.text),
      }),
      transform((record): RetryRecord => withoutEmpty(record)),
    ),
    L.records,
    'stream.retryLog',
  ),
  log,
  logOmitted: amount(0),
})

const reactivitySchema = object({
  publishes: amount(0),
  publishesPerSecond: amount(0),
  deltas: amount(0),
  renders: amount(0),
  rendersPerPublish: amount(0),
  maxRendersPerMessagePerPublish: amount(0),
  unchangedRenders: amount(0),
  updateToPaint: nullish(object({ p50Ms: maybeAmount(), p95Ms: maybeAmount(), maxMs: maybeAmount() }), {}),
  publishCostMaxMs: amount(0),
  frames: amount(0),
  droppedFrames: amount(0),
  longTasks: nullish(object({ count: amount(0), totalMs: amount(0), longestMs: amount(0) }), { count: 0, totalMs: 0, longestMs: 0 }),
})

const fileSchema = looseObject({
  createdAt: nullish(text(40), ''),
  environment: nullish(object({ userAgent: maybeText(L.text), page: maybeText(L.text), library: maybeText(100) })),
  note: maybeText(L.note),
  stream: nullish(streamSchema),
  reactivity: nullish(reactivitySchema),
  list: nullish(object({ virtualization: maybeText(40), messages: maybeAmount() })),
})

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

/** `stream.log[3].atMs` for an issue's path. */
function pathOf(issue: BaseIssue<unknown>): string {
  let out = ''
  for (const item of issue.path ?? []) {
    const key = (item as { key?: unknown }).key
    out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`
  }
  return out
}

function describeIssue(issue: BaseIssue<unknown>): string {
  const where = pathOf(issue) || 'the file'
  if (issue.received === 'undefined') return `This diagnostics file cannot be shown: ${where} is missing.`
  const expected = issue.expected ? `expected ${cut(issue.expected.replace(/^\((.*)\)$/, '$1'), 120)}` : cut(issue.message, 120)
  return `This diagnostics file cannot be shown: ${where} is not valid (${expected}, got ${cut(issue.received, 60)}).`
}

/** The log as the panel draws it: a note where the import cut it. */
function joinLog(entries: LogEntry[], cutAt: { at: number; omitted: number } | undefined): LogEntry[] {
  if (!cutAt) return entries
  const atMs = entries[cutAt.at]?.atMs ?? entries.at(-1)?.atMs ?? 0
  const note: LogEntry = { atMs, type: 'note', text: `… ${cutAt.omitted.toLocaleString('en-US')} entries omitted on import …` }
  return [...entries.slice(0, cutAt.at), note, ...entries.slice(cutAt.at)]
}

/**
 * Reads a diagnostics file (JSON text or an already parsed value), field by field: a field that is there must have
 * the right type (else a sentence naming it, e.g. `stream.log[3].atMs`), a field that is missing gets its
 * default, lists longer than the panel can show are cut and counted (`notes`), text is cut, and every string is
 * redacted again — a file may have been edited by hand before it reached support.
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
      return { ok: false, error: `This is not JSON (${cut(why, 200)}). Paste the whole file made by "Copy diagnostics".` }
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
  notes = []
  logCut = undefined
  let parsed
  try {
    parsed = safeParse(fileSchema, value, { abortEarly: true })
  } catch (error) {
    // A value JSON cannot make (a getter that throws, a proxy): refuse it like any other invalid file.
    return { ok: false, error: `This diagnostics file cannot be shown: ${cut(error instanceof Error ? error.message : String(error), 200)}.` }
  }
  const found = notes
  const cutAt = logCut as { at: number; omitted: number } | undefined
  notes = []
  logCut = undefined
  if (!parsed.success) return { ok: false, error: describeIssue(parsed.issues[0]) }
  const out = parsed.output
  const file: DiagnosticsFile = { schema: DIAGNOSTICS_SCHEMA, version, createdAt: out.createdAt, redacted: true }
  if (out.environment) file.environment = withoutEmpty(out.environment)
  if (out.note !== undefined && out.note !== null) file.note = out.note
  if (out.stream) {
    const { log: entries, logOmitted, ...rest } = out.stream
    file.stream = {
      ...withoutEmpty(rest),
      log: joinLog(entries, cutAt),
      logOmitted: logOmitted + (cutAt?.omitted ?? 0),
    }
  }
  if (out.reactivity) file.reactivity = { ...out.reactivity, updateToPaint: withoutEmpty(out.reactivity.updateToPaint) }
  if (out.list) file.list = withoutEmpty(out.list)
  return { ok: true, diagnostics: redactDiagnostics(file), notes: found }
}

/** The object without `undefined` / `null` fields (optional fields are absent, not null, in a diagnostics file). */
function withoutEmpty<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) if (item !== undefined && item !== null) out[key] = item
  return out as { [K in keyof T]: Exclude<T[K], null> }
}
