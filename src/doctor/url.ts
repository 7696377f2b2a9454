// URL text helpers for user-given URLs. Plain loops, not regexes: a pattern like /\/+$/ re-scans every run of
// slashes that is not at the end, which is quadratic on hostile input (regexp/no-super-linear-move).

/** `text` without trailing slashes. */
export function trimTrailingSlashes(text: string): string {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--
  return text.slice(0, end)
}

/** `url` without its query string and fragment. */
export function withoutQuery(url: string): string {
  for (let i = 0; i < url.length; i++) {
    const ch = url[i]
    if (ch === '?' || ch === '#') return url.slice(0, i)
  }
  return url
}
