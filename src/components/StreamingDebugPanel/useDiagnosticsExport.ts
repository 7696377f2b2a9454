import { computed, shallowRef } from 'vue'
import type { ComputedRef, ShallowRef } from 'vue'
import { collectDiagnostics, stringifyDiagnostics } from '../../diagnostics/collect'
import { formatBytes } from '../../diagnostics/format'
import type { DiagnosticsFile } from '../../diagnostics/schema'

export interface DiagnosticsExportOptions {
  /** Figures gathered while the panel watches a stream or a monitor (undefined before there are any). */
  live: () => DiagnosticsFile | undefined
  /** A file the app gives the panel (its `diagnostics` prop). */
  given: () => DiagnosticsFile | undefined
  /** "Copy diagnostics" made this file (also when the clipboard refused it). */
  onCopy: (file: DiagnosticsFile) => void
  /** A file was loaded through the panel. */
  onLoad: (file: DiagnosticsFile) => void
}

/** What "Copy diagnostics" did: a sentence, and the JSON itself when the clipboard refused it. */
export interface CopyResult {
  message: string
  json?: string
}

export interface DiagnosticsExport {
  /** A file loaded through the panel (pasted or picked), with where it came from and what the import left out. */
  loaded: Readonly<ShallowRef<{ file: DiagnosticsFile; source: string; notes: string[] } | undefined>>
  /** What the panel shows: the loaded file, else the given one, else the live figures. */
  shown: ComputedRef<DiagnosticsFile | undefined>
  /** True when the live figures are shown. */
  isLive: ComputedRef<boolean>
  /** The outcome of the last copy. */
  copyResult: Readonly<ShallowRef<CopyResult | undefined>>
  /** Show a loaded file instead of the given file or the live figures. */
  load: (file: DiagnosticsFile, source: string, notes?: string[]) => void
  /** Go back from a loaded file to the given file or the live figures. */
  unload: () => void
  /** Put the shown figures on the clipboard as a diagnostics file (live figures are collected and redacted first). */
  copy: () => Promise<void>
  /** Save the shown figures as `vcs-diagnostics-<time>.json`. */
  download: () => void
}

/**
 * The diagnostics file behind the panel: which one is shown (loaded, given or live), loading one, and copying or
 * downloading it. A copy of live figures is a fresh `collectDiagnostics()` file (time stamped, tokens redacted);
 * a loaded or given file is copied as it is.
 */
export function useDiagnosticsExport(options: DiagnosticsExportOptions): DiagnosticsExport {
  const loaded = shallowRef<{ file: DiagnosticsFile; source: string; notes: string[] }>()
  const copyResult = shallowRef<CopyResult>()
  const shown = computed(() => loaded.value?.file ?? options.given() ?? options.live())
  const isLive = computed(() => !loaded.value && !options.given() && !!options.live())

  function fileToExport(): DiagnosticsFile | undefined {
    const file = shown.value
    if (!file || !isLive.value) return file
    return collectDiagnostics({ stream: file.stream, reactivity: file.reactivity, list: file.list })
  }

  async function copy() {
    const file = fileToExport()
    if (!file) return
    const json = stringifyDiagnostics(file)
    options.onCopy(file)
    try {
      await navigator.clipboard.writeText(json)
      copyResult.value = { message: `Copied diagnostics (${formatBytes(json.length)}, tokens redacted) to the clipboard.` }
    } catch {
      copyResult.value = { message: 'The clipboard is not available here: select the JSON below and copy it.', json }
    }
  }

  function download() {
    const file = fileToExport()
    if (!file) return
    const url = URL.createObjectURL(new Blob([stringifyDiagnostics(file)], { type: 'application/json' }))
    const link = document.createElement('a')
    link.href = url
    link.download = `vcs-diagnostics-${file.createdAt.replace(/[:.]/g, '-') || 'live'}.json`
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }

  return {
    loaded,
    shown,
    isLive,
    copyResult,
    load(file, source, notes = []) {
      loaded.value = { file, source, notes }
      options.onLoad(file)
    },
    unload() {
      loaded.value = undefined
    },
    copy,
    download,
  }
}
