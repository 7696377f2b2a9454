// Link reference definitions (`[id]: url`): they change the blocks above them, so the renderer must know.
import { lineEnd } from './lines'

const REFERENCE_LABEL = /^\[[^\]]+\]:/

/**
 * Could `text` define a link reference (`[id]: url`), also inside a quote or list item? Such a definition changes
 * blocks above it, so a final render with one is done in one pass. Conservative: a line whose text after container
 * markers starts like a definition counts.
 */
export function mayDefineReferences(text: string): boolean {
  for (let pos = text.indexOf('['); pos !== -1; pos = text.indexOf('[', pos + 1)) {
    let i = pos
    while (i > 0 && ' \t>*+-.)0123456789'.includes(text[i - 1]!)) i--
    if ((i === 0 || text[i - 1] === '\n') && REFERENCE_LABEL.test(text.slice(pos, lineEnd(text, pos)))) return true
  }
  return false
}
