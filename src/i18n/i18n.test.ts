import { describe, expect, it } from 'vitest'
import { errorExamples, JARGON } from '../../test/support/errors'
import { catalogueFor, chatLocales, de, en, mergeStrings, userErrorKey, type ChatStrings } from './index'

/** Every string of a catalogue, functions called with sample arguments, keyed by path. */
function flatten(strings: ChatStrings): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') out.set(path, value)
    else if (typeof value === 'function') for (const arg of [1, 3, 'ts']) out.set(`${path}(${arg})`, String((value as (a: unknown) => unknown)(arg)))
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k)
  }
  walk(strings, '')
  return out
}

describe('catalogues', () => {
  it('en and de have exactly the same keys, and no empty string', () => {
    const a = flatten(en)
    const b = flatten(de)
    expect([...b.keys()]).toEqual([...a.keys()])
    for (const [key, value] of [...a, ...b]) expect(value.trim(), key).not.toBe('')
  })

  it('German differs from English wherever the words differ by language (only names and loanwords may match)', () => {
    const a = flatten(en)
    const same = [...flatten(de)].filter(([key, value]) => a.get(key) === value).map(([key]) => key)
    expect(same).toEqual(['message.roles.system'])
  })

  it('German uses the du-form throughout: no Sie-form address', () => {
    for (const [key, value] of flatten(de)) expect(value, key).not.toMatch(/\b(Sie|Ihr|Ihre|Ihnen|Ihren)\b/)
    expect(de.errors.offline).toMatch(/\bdu\b|\bdeine\b/i)
  })

  it('no sentence a person reads names an API, a header, a status code or uses backticks', () => {
    for (const strings of [en, de]) {
      for (const key of Object.keys(strings.errors)) {
        expect(strings.errors[key as keyof typeof strings.errors], key).not.toMatch(JARGON)
      }
      for (const [key, value] of flatten(strings)) if (key.startsWith('connection') || key.startsWith('notice')) expect(value, key).not.toMatch(JARGON)
    }
  })

  it('a number and its unit stay together (no-break space), in both languages', () => {
    expect(en.connection.reconnectingIn(3)).toBe('Connection lost — reconnecting in 3\u00a0s…')
    expect(de.connection.reconnectingIn(1)).toBe('Verbindung unterbrochen – neuer Versuch in 1\u00a0Sekunde\u00a0…')
    expect(de.connection.busyIn(2)).toContain('2\u00a0Sekunden')
    expect(de.list.unseen(1)).toBe('1 neue Nachricht')
  })
})

describe('catalogueFor', () => {
  it('matches exactly, then by language, else English; own catalogues first', () => {
    expect(catalogueFor('de')).toBe(de)
    expect(catalogueFor('de-AT')).toBe(de)
    expect(catalogueFor('DE_ch')).toBe(de)
    expect(catalogueFor('fr')).toBe(en)
    const fr: ChatStrings = { ...en, message: { ...en.message, copy: 'Copier' } }
    expect(catalogueFor('fr-CA', { fr }).message.copy).toBe('Copier')
    expect(chatLocales).toEqual({ en, de })
  })
})

describe('mergeStrings', () => {
  it('overrides single strings, also inside records, without touching the base', () => {
    const merged = mergeStrings(de, { message: { roles: { user: 'Sie' }, copy: 'Kopieren!' } }, { list: { empty: 'Leer.' } })
    expect(merged.message.roles).toEqual({ ...de.message.roles, user: 'Sie' })
    expect(merged.message.copy).toBe('Kopieren!')
    expect(merged.list.empty).toBe('Leer.')
    expect(merged.list.label).toBe(de.list.label)
    expect(de.message.roles.user).toBe('Du')
    expect(mergeStrings(en)).toBe(en)
  })
})

describe('userErrorKey', () => {
  it.each(errorExamples().map((e) => [e.name, e] as const))('%s', (_, example) => {
    expect(userErrorKey(example.error, { online: example.online ?? true, hasContent: example.hasContent })).toBe(example.key)
  })

  it('an unknown kind and no error at all are "unknown"', () => {
    expect(userErrorKey(undefined)).toBe('unknown')
    expect(userErrorKey({ kind: 'limit' as never, message: 'x', retryable: false })).toBe('unknown')
  })
})
