// Every token a stream sent stays out of everything it reports: errors, lifecycle events, URLs, redact().
import { REDACTED, isSecret, removeSecrets, removeSecretsDeep, withoutSecrets, type StreamError } from '../errors'
import type { RequestTarget } from './request'
import { legacyUrl } from './transports/eventsource'
import type { StreamEvent, TransportName } from './types'

/** The tokens one stream sent (a token function may give a new one per connection) and their removal. */
export class SentTokens {
  private readonly secrets: string[] = []

  /** A token about to be sent: from now on it is removed from what the stream reports. */
  remember(token: string | undefined): void {
    if (isSecret(token) && !this.secrets.includes(token)) this.secrets.push(token)
  }

  /** The event, or a copy whose data no longer holds a token. */
  event(event: StreamEvent): StreamEvent {
    if (this.secrets.length === 0) return event
    const data = removeSecrets(event.data, this.secrets)
    return data === event.data ? event : { ...event, data }
  }

  error(error: StreamError): StreamError {
    return withoutSecrets(error, this.secrets)
  }

  text(text: string): string {
    return removeSecrets(text, this.secrets)
  }

  /** Any value, strings inside objects and arrays included; the value itself when it holds no token. */
  value<T>(value: T): T {
    return removeSecretsDeep(value, this.secrets)
  }
}

export interface ShownRequest {
  transport: TransportName
  /** The legacy transport's query parameter for the token. @default 'token' */
  tokenQueryParam: string | undefined
  lastEventId: string
}

/** The URL a connection really requests, as it may be shown: the legacy transport's `?token=` redacted. */
export function shownUrl(target: RequestTarget, token: string | undefined, request: ShownRequest, tokens: SentTokens): string {
  if (request.transport !== 'eventsource') return tokens.text(target.url)
  const url = legacyUrl(target.url, token ? REDACTED : undefined, request.tokenQueryParam ?? 'token', request.lastEventId)
  return url.replace(encodeURIComponent(REDACTED), REDACTED)
}
