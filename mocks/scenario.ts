import { chunkings, type ChunkingName, type ChunkingSpec } from './scenarios/chunking.js'
import {
  interruptionDefaults,
  interruptions,
  type InterruptionKind,
  type InterruptionName,
  type InterruptionSpec,
} from './scenarios/interruptions.js'
import { fixtures, type Fixture, type FixtureName } from './scenarios/messages.js'
import { speeds, type SpeedName, type SpeedSpec } from './scenarios/speeds.js'

/** An interruption by name, or by kind with any parameters overridden (`{ kind: 'drop', at: 0.2 }`). */
export type InterruptionInput =
  | InterruptionName
  | { kind: InterruptionKind; at?: number; midFrame?: boolean; seconds?: number; message?: string; times?: number; retryAfter?: number }

/**
 * A stream to play: message fixture × speed × chunking × interruption × seed. Every field is optional where a
 * scenario is accepted (`Partial<Scenario>`); names keep it small enough for a header or a Storybook control.
 */
export interface Scenario {
  /** A built-in fixture name (see `fixtureNames`) or one registered through `createHandlers({ fixtures })`. @default 'short-answer' */
  fixture: FixtureName | (string & {})
  /** @default 'typing' */
  speed: SpeedName | Partial<SpeedSpec>
  /** @default 'auto' */
  chunking: ChunkingName | Partial<ChunkingSpec>
  /** @default 'none' */
  interruption: InterruptionInput
  /** Seeds the jitter; same scenario + seed → same frames and same timings. @default 1 */
  seed: number
}

/** A scenario with every name looked up. */
export interface ResolvedScenario {
  fixture: Fixture
  speed: SpeedSpec
  chunking: ChunkingSpec
  interruption: InterruptionSpec
  seed: number
  /** The input it was resolved from, keys in a fixed order (what message ids encode). */
  input: Partial<Scenario>
}

export const DEFAULT_SCENARIO: Scenario = {
  fixture: 'short-answer',
  speed: 'typing',
  chunking: 'auto',
  interruption: 'none',
  seed: 1,
}

/** Thrown for an unknown name or an out-of-range parameter; servers answer it with 400. */
export class ScenarioError extends Error {
  override name = 'ScenarioError'
}

function lookup<T>(kind: string, table: Record<string, T>, name: string): T {
  const found = Object.hasOwn(table, name) ? table[name] : undefined
  if (found === undefined) throw new ScenarioError(`Unknown ${kind} "${name}". Known: ${Object.keys(table).join(', ')}.`)
  return found
}

function checkFraction(at: number | undefined): void {
  if (at !== undefined && !(at >= 0 && at <= 1)) throw new ScenarioError(`Interruption "at" must be a fraction 0..1, got ${at}.`)
}

function resolveInterruption(input: InterruptionInput): InterruptionSpec {
  if (typeof input === 'string') return lookup('interruption', interruptions, input)
  const base = lookup('interruption kind', interruptionDefaults, input.kind)
  const merged = { ...base } as Record<string, unknown>
  for (const [key, value] of Object.entries(input)) if (value !== undefined && key in base) merged[key] = value
  checkFraction(merged.at as number | undefined)
  return merged as InterruptionSpec
}

/** Fill in defaults and look up names. Accepts an already resolved scenario unchanged. */
export function resolveScenario(
  scenario: Partial<Scenario> | ResolvedScenario = {},
  extraFixtures: Record<string, Fixture> = {},
): ResolvedScenario {
  if (isResolved(scenario)) return scenario
  const input: Partial<Scenario> = {}
  for (const key of ['fixture', 'speed', 'chunking', 'interruption', 'seed'] as const) {
    if (scenario[key] !== undefined) (input as Record<string, unknown>)[key] = scenario[key]
  }
  const full = { ...DEFAULT_SCENARIO, ...input }
  const allFixtures: Record<string, Fixture> = { ...fixtures, ...extraFixtures }
  const speed = typeof full.speed === 'string' ? lookup('speed', speeds, full.speed) : { ...speeds.typing, ...full.speed }
  const chunking =
    typeof full.chunking === 'string' ? lookup('chunking', chunkings, full.chunking) : { ...chunkings.auto, ...full.chunking }
  if (!Number.isInteger(full.seed)) throw new ScenarioError(`Scenario seed must be an integer, got ${full.seed}.`)
  return {
    fixture: lookup('fixture', allFixtures, full.fixture),
    speed,
    chunking,
    interruption: resolveInterruption(full.interruption),
    seed: full.seed,
    input,
  }
}

function isResolved(s: Partial<Scenario> | ResolvedScenario): s is ResolvedScenario {
  return typeof s.fixture === 'object' && s.fixture !== null && 'input' in s
}

function toBase64Url(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/={1,2}$/, '')
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
}

const ID_KEYS = { fixture: 'f', speed: 'v', chunking: 'c', interruption: 'i', seed: 's' } as const
const NAME = /^[A-Za-z0-9-]+$/

/**
 * Message ids carry their scenario, so a resume `GET` finds it on any instance of the harness, MSW or the real
 * server alike. Names stay readable (`m3~f.kitchen-sink~i.drop`); anything else is base64url JSON
 * (`m3.eyJ…`). `seq` keeps two answers in one session apart.
 */
export function encodeMessageId(seq: number, scenario: Partial<Scenario> | ResolvedScenario): string {
  const input = isResolved(scenario) ? scenario.input : resolveScenario(scenario).input
  const entries = Object.entries(input)
  if (entries.every(([, v]) => (typeof v === 'string' && NAME.test(v)) || Number.isInteger(v))) {
    return `m${seq}${entries.map(([k, v]) => `~${ID_KEYS[k as keyof typeof ID_KEYS]}.${v}`).join('')}`
  }
  return `m${seq}.${toBase64Url(JSON.stringify(input))}`
}

/** The scenario a message id was made for, or undefined when the id is not one of ours. */
export function decodeMessageId(messageId: string): Partial<Scenario> | undefined {
  const readable = /^m\d+((?:~[a-z]\.[A-Za-z0-9-]+)*)$/.exec(messageId)
  if (readable) {
    const out: Record<string, string | number> = {}
    for (const part of readable[1]!.split('~').slice(1)) {
      const key = Object.entries(ID_KEYS).find(([, short]) => short === part[0])?.[0]
      if (!key) return undefined
      const value = part.slice(2)
      out[key] = key === 'seed' ? Number(value) : value
    }
    return out as Partial<Scenario>
  }
  const match = /^m\d+\.([A-Za-z0-9_-]+)$/.exec(messageId)
  if (!match) return undefined
  try {
    const value: unknown = JSON.parse(fromBase64Url(match[1]!))
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<Scenario>) : undefined
  } catch {
    return undefined
  }
}
