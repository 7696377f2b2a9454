import { describe, expect, it } from 'vitest'
import { fixtureNames, fixtures } from 'vue-chat-stream/mocks'
import { renderMarkdown } from './md'
import { isRendererHtml } from './validate'

describe('isRendererHtml', () => {
  it('accepts everything the renderer produces for every fixture', () => {
    for (const name of fixtureNames) expect(isRendererHtml(renderMarkdown(fixtures[name].content)), name).toBe(true)
  })

  it.each([
    '<script>alert(1)</script>',
    '<p onclick="x">a</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<img src="data:image/png;base64,xx">',
    '<p style="position:fixed">x</p>',
    // The renderer writes alignment as a class: a style attribute, even this one, is not its output.
    '<td style="text-align:right">x</td>',
    '<input type="checkbox" aria-label="x">',
    '<iframe src="https://x"></iframe>',
    '<p>a <b>b</b></p>',
    '<input type="text">',
    '<p>unterminated <a href="x"',
  ])('rejects %s', (html) => {
    expect(isRendererHtml(html)).toBe(false)
  })
})
