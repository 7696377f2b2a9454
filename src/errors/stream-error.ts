import type { ErrorDetail, StreamErrorInfo, StreamErrorKind } from '../types'

/** A stream failure as a value: kind, HTTP status, the server's detail, and a sentence a person can act on. */
export class StreamError extends Error implements StreamErrorInfo {
  override readonly name = 'StreamError'
  readonly kind: StreamErrorKind
  readonly status: number | undefined
  readonly detail: ErrorDetail | undefined
  readonly retryable: boolean

  constructor(info: StreamErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options)
    this.kind = info.kind
    this.status = info.status
    this.detail = info.detail
    this.retryable = info.retryable
  }

  toJSON(): StreamErrorInfo {
    const info: StreamErrorInfo = { kind: this.kind, message: this.message, retryable: this.retryable }
    if (this.status !== undefined) info.status = this.status
    if (this.detail !== undefined) info.detail = this.detail
    return info
  }
}

export function isStreamError(value: unknown): value is StreamError {
  return value instanceof StreamError
}

/** What a thrown value says, for a sentence: an Error's message, anything else as text. */
export function describeThrown(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown)
}

/**
 * Any thrown value as plain `StreamErrorInfo` data, for a message's `error`: a `StreamError` (also one from another
 * copy of this library) keeps its kind, status and detail; an `AbortError` is `aborted`; anything else is a
 * failed connection.
 */
export function toErrorInfo(thrown: unknown): StreamErrorInfo {
  if (thrown && typeof thrown === 'object') {
    const candidate = thrown as Partial<StreamErrorInfo> & { toJSON?: () => unknown; name?: string }
    if (typeof candidate.toJSON === 'function' && typeof candidate.kind === 'string') {
      return candidate.toJSON() as StreamErrorInfo
    }
    if (typeof candidate.kind === 'string' && typeof candidate.message === 'string') {
      const { kind, message, status, detail } = candidate
      return new StreamError({ kind, message, status, detail, retryable: Boolean(candidate.retryable) }).toJSON()
    }
    if (candidate.name === 'AbortError') {
      return { kind: 'aborted', message: 'The stream was aborted.', retryable: false }
    }
  }
  return {
    kind: 'network',
    message: `The connection failed (${describeThrown(thrown)}). Check the network and retry.`,
    retryable: true,
  }
}
