import { describe, expect, it } from 'vitest'
import { findOpenFence, healTail, MAX_HEALED_OPENERS } from './heal'

describe('healTail', () => {
  it.each([
    ['**bo', '**bo**'],
    ['Some **bold*', 'Some **bold**'],
    ['a *it', 'a *it*'],
    ['***bi', '***bi***'],
    ['__b', '__b__'],
    ['x ~~s', 'x ~~s~~'],
    ['x ~~s~', 'x ~~s~~'],
    ['and `co', 'and `co`'],
    ['and `', 'and'],
    ['hello **', 'hello'],
    ['hello *', 'hello'],
    ['snake_', 'snake'],
    ['snake_case', 'snake_case'],
    ['2 * 3 = 6', '2 * 3 = 6'],
    ['**bold** done', '**bold** done'],
    ['see [lin', 'see lin'],
    ['see [link]', 'see link'],
    ['see [link](http', 'see link'],
    ['see ![alt](http', 'see'],
    ['[**bo', '**bo**'],
    ['a <https://exa', 'a'],
    ['fish &am', 'fish'],
    ['end \\', 'end'],
  ])('inline %j → %j', (input, expected) => {
    expect(healTail(input)).toBe(expected)
  })

  it.each([
    ['-', ''],
    ['--', ''],
    ['>', ''],
    ['1.', ''],
    ['1. **', ''],
    ['#', ''],
    ['|', ''],
    ['- [', ''],
    ['- [ ]', ''],
    ['text\n-', 'text\n'],
    ['text\n==', 'text\n'],
    ['para\n\n- a\n- ', 'para\n\n- a\n'],
    ['1. **Bold', '1. **Bold**'],
    ['- item **one**\n- item **tw', '- item **one**\n- item **tw**'],
    ['# Title **bo', '# Title **bo**'],
    ['> quote *it', '> quote *it*'],
  ])('block markers %j → %j', (input, expected) => {
    expect(healTail(input)).toBe(expected)
  })

  it('holds a table back until its delimiter row exists', () => {
    expect(healTail('Intro\n\n| a | b |')).toBe('Intro\n\n')
    expect(healTail('Intro\n\n| a | b |\n')).toBe('Intro\n\n')
    expect(healTail('Intro\n\n| a | b |\n|--')).toBe('Intro\n\n')
    expect(healTail('Intro\n\n| a | b |\n|---|---|\n')).toBe('Intro\n\n| a | b |\n|---|---|\n')
    expect(healTail('| a | b |\n|---|---|\n| 1 | **x')).toBe('| a | b |\n|---|---|\n| 1 | **x**')
  })

  it('lets a code fence grow and hides half-typed fence lines', () => {
    expect(healTail('```py')).toBe('')
    expect(healTail('text\n```pyth')).toBe('text\n')
    expect(healTail('```py\nprint(1)\n``')).toBe('```py\nprint(1)\n')
    expect(healTail('```py\nx = **y')).toBe('```py\nx = **y')
    expect(findOpenFence('```js\na\n```\n')).toBeNull()
    expect(findOpenFence('```js\na\n')).toMatchObject({ start: 0, marker: '```' })
  })

  it('heals a last line of digit runs at once (regression: MARKERS_ONLY backtracked exponentially, 11.7 s)', () => {
    const t0 = performance.now()
    expect(healTail('Answer:\n\n1234567890 2345678901 3456789012 and')).toBe('Answer:\n\n1234567890 2345678901 3456789012 and')
    const pi = '3.14159265358979323846264338327950288419716939937510'
    expect(healTail(`Pi:\n\n${pi} is pi`)).toBe(`Pi:\n\n${pi} is pi`)
    expect(healTail(`${pi.replace('.', '')}${'0123456789'.repeat(20)} x`)).toBe(`${pi.replace('.', '')}${'0123456789'.repeat(20)} x`)
    // Still markers only: held back.
    expect(healTail('text\n12345678901234567890.')).toBe('text\n')
    expect(performance.now() - t0).toBeLessThan(1000)
  })

  it('leaves a run of more than MAX_HEALED_OPENERS open emphasis markers as written', () => {
    const soup = '*a **a '.repeat(MAX_HEALED_OPENERS)
    expect(healTail(soup)).toBe(soup)
    expect(healTail('*a **b')).toBe('*a **b***')
  })
})
