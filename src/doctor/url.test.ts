import { describe, expect, it } from 'vitest'
import { trimTrailingSlashes, withoutQuery } from './url'

describe('doctor URL helpers', () => {
  it('trims trailing slashes only', () => {
    expect(trimTrailingSlashes('https://app.example///')).toBe('https://app.example')
    expect(trimTrailingSlashes('https://app.example/a//b')).toBe('https://app.example/a//b')
    expect(trimTrailingSlashes('///')).toBe('')
  })

  it('cuts the query string and fragment', () => {
    expect(withoutQuery('http://h/api/messages?token=x#f')).toBe('http://h/api/messages')
    expect(withoutQuery('http://h/api/messages#f?x')).toBe('http://h/api/messages')
    expect(withoutQuery('http://h/api/messages')).toBe('http://h/api/messages')
  })

  it('stays linear on long runs of slashes that do not end the text', () => {
    // /\/+$/ re-scans each run: 200k slashes followed by a letter took quadratic time.
    const hostile = `${'/'.repeat(200_000)}x`
    expect(trimTrailingSlashes(hostile)).toBe(hostile)
    expect(withoutQuery(hostile)).toBe(hostile)
  })
})
