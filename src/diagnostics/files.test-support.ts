// Diagnostics files for property tests (issue 15, row 4): entirely random values, and real files (the story
// fixtures) with random parts replaced, removed or blown up. Shared by the Node test (parsing) and the Chromium
// test (rendering). Test support only.
import fc from 'fast-check'
import slowRenderer from '../../stories/debug-panel/fixtures/slow-renderer.json'
import stalledStream from '../../stories/debug-panel/fixtures/stalled-stream.json'
import tokenInUrl from '../../stories/debug-panel/fixtures/token-in-url-422.json'
import { DIAGNOSTICS_SCHEMA } from './schema'

export const FIXTURES: readonly unknown[] = [slowRenderer, stalledStream, tokenInUrl]

/** Every path (keys and indexes) inside a JSON value, the value itself as `[]`. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix)
  if (Array.isArray(value)) value.slice(0, 50).forEach((item, i) => paths(item, [...prefix, i], out))
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out)
  return out
}

function setAt(root: unknown, path: (string | number)[], change: (old: unknown) => unknown | typeof REMOVE): unknown {
  if (path.length === 0) {
    const next = change(root)
    return next === REMOVE ? undefined : next
  }
  const [head, ...rest] = path
  if (Array.isArray(root)) {
    const copy = root.slice()
    const next = setAt(copy[head as number], rest, change)
    if (next === undefined && rest.length === 0) copy.splice(head as number, 1)
    else copy[head as number] = next
    return copy
  }
  if (root && typeof root === 'object') {
    const copy: Record<string, unknown> = { ...(root as Record<string, unknown>) }
    const next = setAt(copy[head as string], rest, change)
    if (next === undefined && rest.length === 0) delete copy[head as string]
    else copy[head as string] = next
    return copy
  }
  return root
}

const REMOVE = Symbol('remove')

/** What a mutation does to the value at its path. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ op: fc.constant('remove' as const) }),
  // A list blown up past every cap (a 60k log, 2M gap counts) — kept small enough to be fast.
  fc.record({ op: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 12_000 }) }),
  fc.record({ op: fc.constant('empty' as const), value: fc.constantFrom({}, [], null, '', 0, -1, 1e308, 'x'.repeat(20_000)) }),
)

type Change = { op: 'replace' | 'remove' | 'repeat' | 'empty'; value?: unknown; times?: number }

function apply(file: unknown, steps: { at: number; change: Change }[]): unknown {
  let out = structuredClone(file)
  for (const step of steps) {
    const all = paths(out).filter((p) => p.length > 0)
    if (all.length === 0) break
    const path = all[step.at % all.length]!
    out = setAt(out, path, (old) => {
      switch (step.change.op) {
        case 'remove':
          return REMOVE
        case 'repeat':
          return Array.isArray(old) ? Array.from({ length: step.change.times! }, (_, i) => old[i % Math.max(1, old.length)] ?? i) : Array.from({ length: step.change.times! }, () => old)
        default:
          return step.change.value
      }
    })
  }
  return out
}

/** A real file with 1–4 random changes. */
export const mutatedFile = fc
  .tuple(fc.constantFrom(...FIXTURES), fc.array(fc.record({ at: fc.nat(), change: mutation }), { minLength: 1, maxLength: 4 }))
  .map(([file, steps]) => apply(file, steps))

/** Random JSON that claims to be a diagnostics file (right schema and version), with random fields. */
export const randomFile = fc
  .record({ stream: fc.jsonValue({ maxDepth: 4 }), reactivity: fc.jsonValue({ maxDepth: 2 }), list: fc.jsonValue({ maxDepth: 2 }), note: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] })
  .map((fields) => ({ schema: DIAGNOSTICS_SCHEMA, version: 1, ...fields }))

/** Anything at all (most of it is refused at the schema check). */
export const anyValue = fc.jsonValue({ maxDepth: 3 })

/** The mix the property tests run: mutated real files mostly, random ones, and noise. */
export const diagnosticsFile = fc.oneof({ arbitrary: mutatedFile, weight: 6 }, { arbitrary: randomFile, weight: 3 }, { arbitrary: anyValue, weight: 1 })
