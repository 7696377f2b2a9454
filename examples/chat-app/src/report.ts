// "Report a problem": copies a diagnostics file of the last answer to the clipboard, for the user to paste into a
// message to support (docs/support.md). The debug entry is imported on click only; its files are redacted (no
// token, no answer text) before they leave the page.
import type { EventStream } from 'vue-chat-stream'

export type ReportResult = { copied: true } | { copied: false; json: string }

// `import.meta.env` is replaced at build time: with VITE_SUPPORT_TOOLS=off the import is dead code, and no chunk.
const loadDebug = import.meta.env.VITE_SUPPORT_TOOLS === 'off' ? undefined : () => import('vue-chat-stream/debug')

export async function reportProblem(stream: EventStream | undefined, note: string): Promise<ReportResult> {
  if (!loadDebug) throw new Error('This build has no support tools (VITE_SUPPORT_TOOLS=off).')
  const { collectDiagnostics, stringifyDiagnostics } = await loadDebug()
  // A stream nobody recorded gives its counters (status, retries, stalls, bytes, timings); a file copied from the
  // open debug panel has the event log too.
  const json = stringifyDiagnostics(collectDiagnostics({ stream, note }))
  try {
    await navigator.clipboard.writeText(json)
    return { copied: true }
  } catch {
    // No clipboard (permissions, an insecure page): show the text to copy by hand.
    return { copied: false, json }
  }
}
