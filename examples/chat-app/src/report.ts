// "Report a problem": copies a diagnostics file of the last answer to the clipboard, for the user to paste into a
// message to support (docs/support.md). The debug entry is imported on click only; its files are redacted (no
// token, no answer text) before they leave the page.
import type { EventStream } from 'vue-chat-stream'

export type ReportResult = { copied: true } | { copied: false; json: string }

export async function reportProblem(stream: EventStream | undefined, note: string): Promise<ReportResult> {
  const { collectDiagnostics, stringifyDiagnostics } = await import('vue-chat-stream/debug')
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
