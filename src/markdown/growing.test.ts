import { beforeAll, describe, expect, it } from 'vitest'
import { fixtureNames, fixtures } from '../../mocks'
import { renderMarkdown } from './md'
import { loadGrowing } from './growing/load'
import { blockToHtml, createStreamingMarkdown } from './streaming'
import type { StreamingMarkdownOptions } from './streaming'
import { stressCaseNames, stressCases } from './stress.test-support'

// Parts code loads on demand (as MessageMarkdown does when a stream starts); these tests render in parts.
beforeAll(() => loadGrowing())

const html = (blocks: readonly { kind: string }[]) => (blocks as Parameters<typeof blockToHtml>[0][]).map(blockToHtml).join('')

function stream(content: string, cuts: number[], options: StreamingMarkdownOptions = {}) {
  const s = createStreamingMarkdown(options)
  let maxMs = 0
  let grew = false
  for (const cut of cuts) {
    const t0 = performance.now()
    const blocks = s.update(content.slice(0, cut), true)
    maxMs = Math.max(maxMs, performance.now() - t0)
    grew ||= blocks.some((b) => b.kind === 'html' && b.parts !== undefined)
  }
  return { final: s.update(content, false), maxMs, grew }
}

const even = (length: number, n: number) => Array.from({ length: n }, (_, i) => Math.round(((i + 1) * length) / n))

describe('growing blocks', () => {
  it.each(stressCaseNames)('%s: streamed in 600 commits, ends equal to a one-shot render', (name) => {
    const { content } = stressCases[name]
    const { final, grew } = stream(content, even(content.length, 600))
    expect(html(final)).toBe(renderMarkdown(content))
    if (name !== 'digit-runs' && name !== 'long-code') expect(grew).toBe(true)
  })

  for (const size of [1, 7, 64]) {
    it(`every fixture in chunks of ${size}, parts from the first character, ends equal to a one-shot render`, () => {
      for (const name of fixtureNames.filter((n) => size > 1 || n !== 'long-mixed')) {
        const { content } = fixtures[name]
        const cuts: number[] = []
        for (let i = size; i < content.length; i += size) cuts.push(i)
        expect(html(stream(content, cuts, { partsFrom: 0, plainAfter: 200 }).final), `${name} @${size}`).toBe(renderMarkdown(content))
      }
    })
  }
})
