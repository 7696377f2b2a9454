/** `12 ms`, `1.2 s`, `2 min 5 s`; `–` when unknown. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`
}

/** `512 B`, `4.0 KB`, `1.2 MB` (1 KB = 1024 B). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** A rate with one decimal below 10, whole numbers above. */
export function formatRate(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '–'
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ${unit}`
}

/** Labels for the gap histogram's buckets: `< 10 ms`, `10–50 ms`, …, `≥ 5 s`. */
export function gapBucketLabels(edgesMs: readonly number[]): string[] {
  const unit = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`)
  const labels: string[] = []
  for (let i = 0; i <= edgesMs.length; i++) {
    const lo = edgesMs[i - 1]
    const hi = edgesMs[i]
    if (lo === undefined) labels.push(`< ${unit(hi ?? 0)}`)
    else if (hi === undefined) labels.push(`≥ ${unit(lo)}`)
    else labels.push(`${lo >= 1000 || hi < 1000 ? unit(lo).replace(/ (ms|s)$/, '') : unit(lo)}–${unit(hi)}`)
  }
  return labels
}
