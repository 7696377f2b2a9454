// Known secrets out of text: the stream client knows every token it sent, so none of them reaches an error, a
// lifecycle event, a log line or an exported file — whatever a server echoes back. Pattern-based redaction for
// credentials the client never saw is the debug side's (src/diagnostics/redact.ts).

/** What a removed secret reads as. */
export const REDACTED = '[redacted]'

/**
 * Shorter values are not searched for: they would match ordinary words ("t" in every sentence) and are no
 * secret worth the name. Real tokens are far longer.
 */
export const MIN_SECRET_CHARS = 4

/** Whether `value` is long enough to be searched for as a secret. */
export function isSecret(value: string | undefined): value is string {
  return typeof value === 'string' && value.length >= MIN_SECRET_CHARS
}

/** `text` with every occurrence of every secret replaced by `[redacted]` (the same string when none occurs). */
export function removeSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (isSecret(secret) && out.includes(secret)) out = out.split(secret).join(REDACTED)
  }
  return out
}

/**
 * A copy of `value` with every string passed through `removeSecrets`; the value itself when no secret occurs in
 * it. Follows arrays and plain objects `maxDepth` deep (deeper parts are kept as they are).
 */
export function removeSecretsDeep<T>(value: T, secrets: readonly string[], maxDepth = 16): T {
  if (secrets.length === 0) return value
  if (typeof value === 'string') return removeSecrets(value, secrets) as T
  if (maxDepth <= 0 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    let changed = false
    const out = value.map((item: unknown) => {
      const next = removeSecretsDeep(item, secrets, maxDepth - 1)
      if (next !== item) changed = true
      return next
    })
    return (changed ? out : value) as T
  }
  let out: Record<string, unknown> | undefined
  for (const [key, item] of Object.entries(value)) {
    const next = removeSecretsDeep(item, secrets, maxDepth - 1)
    if (next !== item) (out ??= { ...(value as Record<string, unknown>) })[key] = next
  }
  return (out ?? value) as T
}
