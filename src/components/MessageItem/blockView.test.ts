import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fixtureNames, fixtures } from '../../../mocks'
import { renderMarkdownBlocks } from '../../markdown/streaming'
import type { MarkdownBlock } from '../../markdown/streaming'
import { CARET_HTML, GROUP_SIZE, caretSlot, groupBlocks, liveWithCaret, withCaret } from './blockView'

/** The pattern the caret used to be placed with, as an oracle on short inputs. */
const OLD_SLOT = /<\/(?:p|h[1-6]|li)>(?:\s*<\/(?:ul|ol|li|blockquote)>)*\s*$/

describe('caret placement', () => {
  it('puts the caret where the old pattern did, on rendered fixtures and random closing-tag runs', () => {
    const htmls = fixtureNames.flatMap((n) => renderMarkdownBlocks(fixtures[n].content).map((b) => (b.kind === 'html' ? b.html : '')))
    const tags = fc.constantFrom('</p>', '</li>', '</ul>', '</ol>', '</blockquote>', '</h2>', '</td>', '</pre>', '\n', ' ', 'x', '<p>', '</code>')
    const random = fc.sample(fc.array(tags, { maxLength: 12 }).map((t) => t.join('')), 3000)
    for (const html of [...htmls, ...random]) {
      const m = OLD_SLOT.exec(html)
      expect(caretSlot(html), html).toBe(m ? m.index : -1)
    }
  })

  it('inserts it before the closing tag, or in the live part of a block in parts', () => {
    expect(withCaret('<ul>\n<li>a</li>\n</ul>\n')).toBe(`<ul>\n<li>a${CARET_HTML}</li>\n</ul>\n`)
    expect(withCaret('<table></table>\n')).toBeNull()
    expect(liveWithCaret('word <em>x</em>', '</p>\n')).toBe(`word <em>x</em>${CARET_HTML}`)
    expect(liveWithCaret('<li>b</li>\n', '</ul>\n')).toBe(`<li>b${CARET_HTML}</li>\n`)
    expect(liveWithCaret('', '</ul>\n')).toBeNull()
  })

  it('stays linear on a long run of closing tags', () => {
    const html = '<li>a' + '</li>\n</ul>\n'.repeat(50_000)
    const t0 = performance.now()
    expect(caretSlot(html)).toBe(5)
    expect(performance.now() - t0).toBeLessThan(2000)
  })
})

describe('groupBlocks', () => {
  const block = (i: number, final = true): MarkdownBlock => ({ kind: 'html', key: `b${i}`, index: i, final, tag: 'p', html: `<p>${i}</p>\n` })

  it('reuses full groups of finished blocks and rebuilds the one with the tail', () => {
    const finished = Array.from({ length: GROUP_SIZE * 2 + 3 }, (_, i) => block(i))
    const first = groupBlocks([...finished, block(99, false)], [])
    expect(first.map((g) => g.blocks.length)).toEqual([GROUP_SIZE, GROUP_SIZE, 4])
    const next = groupBlocks([...finished, block(99), block(100, false)], first)
    expect(next[0]).toBe(first[0])
    expect(next[1]).toBe(first[1])
    expect(next[2]).not.toBe(first[2])
    expect(next.map((g) => g.key)).toEqual(['g0', 'g1', 'g2'])
  })
})
