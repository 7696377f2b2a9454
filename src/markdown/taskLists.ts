import type MarkdownIt from 'markdown-it'
import type { StateCore, Token } from 'markdown-it'

const BOX = /^\[([ x])\][ \t]/i

/**
 * GFM task list items: `- [ ] todo` / `- [x] done` become a disabled checkbox inside a `<label>` that holds the
 * item's text, so the checkbox is named by the task ("Ship it, checkbox, not checked") in whatever language the
 * answer is written — the renderer has no locale, and a fixed "done"/"to do" would be English in every answer.
 * A core rule after `inline`: looks at the first inline token of each list item's paragraph.
 */
export function taskLists(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'vcs_task_lists', (state: StateCore) => {
    const tokens = state.tokens
    for (let i = 2; i < tokens.length; i++) {
      const inline = tokens[i]!
      if (inline.type !== 'inline' || tokens[i - 1]!.type !== 'paragraph_open' || tokens[i - 2]!.type !== 'list_item_open') continue
      const first = inline.children?.[0]
      if (!first || first.type !== 'text') continue
      const m = BOX.exec(first.content)
      if (!m) continue
      const checked = m[1] !== ' '
      first.content = first.content.slice(m[0].length)
      inline.content = inline.content.slice(m[0].length)
      const open = new state.Token('html_inline', '', 0)
      open.content = `<label class="vcs-task-label"><input class="vcs-task" type="checkbox" disabled${checked ? ' checked' : ''}> `
      const close = new state.Token('html_inline', '', 0)
      close.content = '</label>'
      inline.children!.unshift(open)
      inline.children!.push(close)
      const item = tokens[i - 2]! as Token
      item.attrJoin('class', 'vcs-task-item')
      for (let j = i - 3; j >= 0; j--) {
        const t = tokens[j]!
        if ((t.type === 'bullet_list_open' || t.type === 'ordered_list_open') && t.level === item.level - 1) {
          if (!(t.attrGet('class') ?? '').includes('vcs-task-list')) t.attrJoin('class', 'vcs-task-list')
          break
        }
      }
    }
  })
}
