// Which transport a stream uses, and how its token travels there.
import type { TokenSource, TokenTransport, TransportName, TransportOption } from '../types'
import { eventSourceTransport } from './eventsource'
import { fetchTransport, supportsFetchStreaming } from './fetch'
import type { Transport } from './types'
import { xhrTransport } from './xhr'

export const TRANSPORTS: Record<TransportName, Transport> = {
  fetch: fetchTransport,
  xhr: xhrTransport,
  eventsource: eventSourceTransport,
}

/** `auto`: fetch when response bodies stream here, else xhr. `eventsource` is only ever used when asked for. */
export function pickTransport(option: TransportOption = 'auto'): TransportName {
  if (option !== 'auto') return option
  if (supportsFetchStreaming()) return 'fetch'
  if (typeof XMLHttpRequest === 'function') return 'xhr'
  return 'fetch'
}

/** An `Authorization` header, or — EventSource cannot send headers — the URL; `none` without a token. */
export function tokenTransportOf(transport: TransportName, token: TokenSource | undefined): TokenTransport {
  return token === undefined || token === '' ? 'none' : transport === 'eventsource' ? 'url' : 'header'
}
