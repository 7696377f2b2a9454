import { MAX_ERROR_BODY_CHARS, type ResponseHead, type Transport } from './types'

function abortError(): Error {
  return new DOMException('The stream was aborted.', 'AbortError')
}

/**
 * XMLHttpRequest with progress events: for browsers without streaming fetch bodies. The browser decodes the
 * text; we hand the parser only what is new since the last progress event. `responseText` keeps every byte
 * of the response, so a long stream is dropped after `recycleChars` and resumed with Last-Event-ID.
 */
export const xhrTransport: Transport = (request, sink) =>
  new Promise((resolve, reject) => {
    if (request.signal.aborted) return reject(abortError())
    const xhr = new XMLHttpRequest()
    let head: ResponseHead | undefined
    let accepted = false
    let seenChars = 0
    let seenBytes = 0
    let settled = false

    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      request.signal.removeEventListener('abort', onAbort)
      xhr.onreadystatechange = xhr.onprogress = xhr.onload = xhr.onerror = xhr.ontimeout = null
      fn()
    }
    const onAbort = () => settle(() => {
      xhr.abort()
      reject(abortError())
    })

    const readHead = () => {
      if (head || xhr.readyState < XMLHttpRequest.HEADERS_RECEIVED) return
      head = {
        status: xhr.status,
        contentType: xhr.getResponseHeader('content-type') ?? '',
        retryAfter: xhr.getResponseHeader('retry-after'),
      }
      accepted = sink.head(head)
    }

    // A refused answer's body is read up to MAX_ERROR_BODY_CHARS, then the request is aborted: an endless error
    // body must not grow responseText without bound.
    const refuse = () =>
      settle(() => {
        const body = (xhr.responseText ?? '').slice(0, MAX_ERROR_BODY_CHARS)
        if (xhr.readyState !== XMLHttpRequest.DONE) xhr.abort()
        resolve({ type: 'refused', head: head!, body })
      })

    const pump = (loaded: number) => {
      readHead()
      if (settled) return
      if (!accepted) {
        if (head && loaded > seenBytes) {
          sink.bytes(loaded - seenBytes)
          seenBytes = loaded
        }
        if (head && (xhr.responseText ?? '').length >= MAX_ERROR_BODY_CHARS) refuse()
        return
      }
      const text = xhr.responseText
      if (loaded > seenBytes) {
        sink.bytes(loaded - seenBytes)
        seenBytes = loaded
      }
      if (text.length > seenChars) {
        const fresh = text.slice(seenChars)
        seenChars = text.length
        sink.text(fresh)
      }
      if (request.recycleChars && seenChars >= request.recycleChars && !settled && sink.canRecycle()) {
        settle(() => {
          xhr.abort()
          resolve({ type: 'recycle' })
        })
      }
    }

    xhr.open(request.method, request.url, true)
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value)
    xhr.withCredentials = request.credentials === 'include'
    xhr.onreadystatechange = () => {
      if (xhr.readyState === XMLHttpRequest.HEADERS_RECEIVED) readHead()
    }
    xhr.onprogress = (event) => pump(event.loaded)
    xhr.onload = (event) => {
      readHead()
      if (accepted) {
        pump(event.loaded)
        settle(() => resolve({ type: 'end' }))
      } else refuse()
    }
    xhr.onerror = () => settle(() => reject(new TypeError('network error')))
    request.signal.addEventListener('abort', onAbort)
    xhr.send(request.body as XMLHttpRequestBodyInit | null)
  })
