/** One Server-Sent Events frame. A frame with only `comment` is a heartbeat. */
export interface SseFrame {
  id?: string
  event?: string
  data?: string
  /** Reconnection delay the server asks for, ms. */
  retry?: number
  comment?: string
}

/** Encode a frame as the wire text (`id`, `event`, `retry`, `data` lines, then a blank line). */
export function encodeSseFrame(frame: SseFrame): string {
  let out = ''
  if (frame.comment !== undefined) for (const line of frame.comment.split('\n')) out += `: ${line}\n`
  if (frame.id !== undefined) out += `id: ${frame.id}\n`
  if (frame.event !== undefined) out += `event: ${frame.event}\n`
  if (frame.retry !== undefined) out += `retry: ${frame.retry}\n`
  if (frame.data !== undefined) for (const line of frame.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`
  return `${out}\n`
}

/** Split wire text into raw frames (without the blank line). A trailing incomplete frame is returned separately. */
export function splitSseFrames(text: string): { frames: string[]; rest: string } {
  const parts = text.replace(/\r\n?/g, '\n').split('\n\n')
  const rest = parts.pop() ?? ''
  return { frames: parts, rest }
}

/** A minimal parser for raw frames as `encodeSseFrame` writes them (tests and the inspector). */
export function parseSseFrame(raw: string): SseFrame {
  const frame: SseFrame = {}
  const data: string[] = []
  const comments: string[] = []
  for (const line of raw.split('\n')) {
    if (line.startsWith(':')) {
      comments.push(line.slice(1).replace(/^ /, ''))
      continue
    }
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'id') frame.id = value
    else if (field === 'event') frame.event = value
    else if (field === 'data') data.push(value)
    else if (field === 'retry' && /^\d+$/.test(value)) frame.retry = Number(value)
  }
  if (data.length > 0) frame.data = data.join('\n')
  if (comments.length > 0) frame.comment = comments.join('\n')
  return frame
}
