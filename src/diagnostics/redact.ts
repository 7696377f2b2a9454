import type { DiagnosticsFile } from './schema'

export const REDACTED = '[redacted]'

/** Query parameters and object keys whose values are credentials. */
const SECRET_NAMES = [
  'token',
  'access_token',
  'accesstoken',
  'id_token',
  'refresh_token',
  'auth',
  'authorization',
  'api_key',
  'apikey',
  'key',
  'jwt',
  'password',
  'passwd',
  'secret',
  'client_secret',
  'session',
  'sessiontoken',
  'sig',
  'signature',
  'cookie',
  'set-cookie',
  'x-api-key',
]
const SECRET_KEYS = new Set(SECRET_NAMES)

const PATTERNS: [RegExp, string][] = [
  // `Authorization: <opaque token>` without a scheme; with one, the next rule applies
  [/\b(authorization\s*[:=]\s*["']?)(?!(?:bearer|basic)\s)[A-Za-z0-9\-._~+/]{12,}=*/gi, `$1${REDACTED}`],
  [/\b(bearer\s+)(?!\[redacted\])[A-Za-z0-9\-._~+/]+=*/gi, `$1${REDACTED}`],
  [/\b(Basic\s+)[A-Za-z0-9+/]{8,}=*/g, `$1${REDACTED}`],
  // token=… in URLs and query strings (the legacy EventSource client put it there)
  [new RegExp(`([?&;#](?:${SECRET_NAMES.map((n) => n.replace(/[-_]/g, '[-_]?')).join('|')})=)[^&#\\s"']*`, 'gi'), `$1${REDACTED}`],
  // JWTs anywhere
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Well-known API key shapes (OpenAI, GitHub, Slack, AWS)
  [/\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/g, REDACTED],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/\bAKIA[0-9A-Z]{16}\b/g, REDACTED],
]

/** Replaces anything that looks like a credential in a string: bearer tokens, `token=` parameters, JWTs, API keys. */
export function redactText(text: string): string {
  let out = text
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
  return out
}

function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase())
}

/** Deep copy with every string passed through `redactText` and every credential-named key's value replaced. */
export function redactValue<T>(value: T, depth = 0): T {
  if (depth > 32) return undefined as T
  if (typeof value === 'string') return redactText(value) as T
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1)) as T
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecretKey(key) && item !== null && item !== undefined && item !== '' ? REDACTED : redactValue(item, depth + 1)
    }
    return out as T
  }
  return value
}

/** A redacted copy of a diagnostics file: safe to paste into a ticket. */
export function redactDiagnostics(file: DiagnosticsFile): DiagnosticsFile {
  return { ...redactValue(file), redacted: true }
}
