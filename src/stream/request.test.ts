import { describe, expect, it } from 'vitest'
import { buildRequest, encodeBody, firstTarget, resumeTarget, type ConnectionState } from './request'

const signal = new AbortController().signal
const state = (over: Partial<ConnectionState> = {}): ConnectionState => ({ transport: 'fetch', token: 't', lastEventId: '', signal, ...over })

describe('buildRequest: the one place headers are built', () => {
  it('a POST: Accept, the JSON body with its Content-Type, the token as a header, never in the URL', () => {
    const request = buildRequest(firstTarget('/api/s/messages', { body: { content: 'hi' } }), {}, state())
    expect(request).toMatchObject({ url: '/api/s/messages', method: 'POST', body: '{"content":"hi"}', credentials: 'same-origin' })
    expect(request.headers).toEqual({ Accept: 'text/event-stream', 'Content-Type': 'application/json', Authorization: 'Bearer t' })
  })

  it('a resume GET: no body, no Content-Type (not even the caller’s), Last-Event-ID once an id was seen', () => {
    const options = { headers: { 'content-type': 'text/plain', 'X-Trace': '1' } }
    const request = buildRequest(resumeTarget('/api/s/messages/m/stream'), options, state({ lastEventId: '41' }))
    expect(request).toMatchObject({ method: 'GET', body: null, lastEventId: '41' })
    expect(request.headers).toEqual({ Accept: 'text/event-stream', 'X-Trace': '1', Authorization: 'Bearer t', 'Last-Event-ID': '41' })
  })

  it('the caller’s headers win over the defaults, and a caller’s Content-Type is kept on a POST', () => {
    const options = { headers: { Accept: 'text/event-stream; q=1', 'Content-Type': 'application/vnd.chat+json' } }
    const request = buildRequest(firstTarget('/p', { body: '{}' }), options, state())
    expect(request.headers).toEqual({ Accept: 'text/event-stream; q=1', 'Content-Type': 'application/vnd.chat+json', Authorization: 'Bearer t' })
  })

  it('no token, no Authorization; EventSource takes the token in the URL instead', () => {
    expect(buildRequest(firstTarget('/s', {}), {}, state({ token: undefined })).headers).toEqual({ Accept: 'text/event-stream' })
    const legacy = buildRequest(firstTarget('/s', {}), { tokenQueryParam: 'access_token' }, state({ transport: 'eventsource' }))
    expect(legacy.headers.Authorization).toBeUndefined()
    expect(legacy).toMatchObject({ token: 't', tokenQueryParam: 'access_token' })
  })

  it('only xhr recycles its connection (4 Mi characters by default)', () => {
    expect(buildRequest(firstTarget('/s', {}), {}, state({ transport: 'xhr' })).recycleChars).toBe(4 * 1024 * 1024)
    expect(buildRequest(firstTarget('/s', {}), { xhrRecycleChars: 10 }, state({ transport: 'xhr' })).recycleChars).toBe(10)
    expect(buildRequest(firstTarget('/s', {}), { xhrRecycleChars: 10 }, state()).recycleChars).toBe(0)
  })
})

describe('request targets and bodies', () => {
  it('POST with a body, GET without; an explicit method wins', () => {
    expect(firstTarget('/s', {})).toEqual({ url: '/s', method: 'GET', body: null })
    expect(firstTarget('/s', { body: { a: 1 } })).toEqual({ url: '/s', method: 'POST', body: '{"a":1}', contentType: 'application/json' })
    expect(firstTarget('/s', { method: 'GET', body: 'x' }).method).toBe('GET')
  })

  it('strings are JSON text; form data, search params and blobs go as they are, typed by the platform', () => {
    expect(encodeBody('{"a":1}')).toEqual({ body: '{"a":1}', contentType: 'application/json' })
    const form = new FormData()
    expect(encodeBody(form)).toEqual({ body: form })
    const params = new URLSearchParams('a=1')
    expect(encodeBody(params)).toEqual({ body: params })
    expect(encodeBody(undefined)).toEqual({ body: null })
  })
})
