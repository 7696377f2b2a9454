import type { PlannedStep, StreamPlan } from './plan.js'
import { encodeSseFrame } from './sse.js'

/**
 * Ways the harness breaks the streaming contract on purpose. `doctor` ones break it the way real deployments do,
 * so the endpoint doctor (`npx vue-chat-stream doctor`) can be seen catching each; `hostile` ones are what a
 * broken or malicious backend does to a client (endless lines and bodies, replaying resumes, echoed tokens), for
 * the stream client's own tests. `server` ones need the real socket (`startMockServer`,
 * `npm run mock-server -- --misbehave NAME`); the others work in the MSW handlers too. A server misbehaves in
 * every answer (`misbehave` option), or a single request asks for it with the `X-Mock-Misbehave` header.
 */
export const misbehaviours = {
  'not-event-stream': {
    where: 'any',
    kind: 'doctor',
    description: 'answers the POST with 200 application/json, the whole answer at once (the old non-streaming endpoint)',
  },
  'token-in-url': {
    where: 'any',
    kind: 'doctor',
    description: 'accepts the token from ?token= when the Authorization header is missing (the legacy EventSource backend)',
  },
  'cors-second-origin': {
    where: 'server',
    kind: 'doctor',
    description: 'CORS headers only for the first allowed origin (`corsOrigin`); a preflight from any other origin gets 400',
  },
  'buffering-proxy': {
    where: 'server',
    kind: 'doctor',
    description: 'a proxy that buffers the response body: every byte arrives at once when the answer is complete',
  },
  gzip: {
    where: 'server',
    kind: 'doctor',
    description: 'Content-Encoding: gzip on the event stream (flushed per write, the best case of compression)',
  },
  'no-heartbeats': {
    where: 'any',
    kind: 'doctor',
    description: 'no `: ping` comments, and 35 s (× time scale) of silence before the first token while the model thinks',
  },
  'replay-on-resume': {
    where: 'any',
    kind: 'doctor',
    description: 'the resume GET ignores Last-Event-ID and replays the answer from its first event',
  },
  'html-errors': {
    where: 'any',
    kind: 'doctor',
    description: '4xx and 5xx answers are HTML pages (a proxy or framework error page) instead of JSON with `detail`',
  },
  'no-retry-after': {
    where: 'any',
    kind: 'doctor',
    description: 'the first POST of each session answers 503 without Retry-After',
  },
  'no-done': {
    where: 'any',
    kind: 'doctor',
    description: 'the stream ends cleanly after the last delta without `event: done`',
  },
  'endless-line': {
    where: 'any',
    kind: 'hostile',
    description: 'after the `start` frame, one `data:` line that never ends (64 KiB writes for as long as the client reads)',
  },
  'endless-error-body': {
    where: 'any',
    kind: 'hostile',
    description: 'the POST answers 500 text/html with a body that never ends',
  },
  'replay-and-drop': {
    where: 'any',
    kind: 'hostile',
    description: 'the resume GET replays from the first event and breaks where the first response broke: no resume ever gets further',
  },
  'id-only-blocks': {
    where: 'any',
    kind: 'hostile',
    description: 'every frame’s id is sent in a block of its own (`id: 5` and a blank line) before the frame (valid SSE; the last event ID must move)',
  },
  'echo-token': {
    where: 'any',
    kind: 'hostile',
    description: 'echoes the bearer token it got: in the 401 detail, and in the message of `event: error`',
  },
  'retry-after-date': {
    where: 'any',
    kind: 'hostile',
    description: '503 answers send Retry-After as an HTTP date (now + the scenario’s seconds) instead of seconds',
  },
  'slow-head': {
    where: 'any',
    kind: 'hostile',
    description: 'every answer’s head is sent after 2 s (× time scale): a server slow to start answering',
  },
} as const satisfies Record<string, { where: 'any' | 'server'; kind: 'doctor' | 'hostile'; description: string }>

export type Misbehaviour = keyof typeof misbehaviours
export const misbehaviourNames = Object.keys(misbehaviours) as Misbehaviour[]
/** A contract break the endpoint doctor must catch. */
export type DoctorMisbehaviour = { [N in Misbehaviour]: (typeof misbehaviours)[N]['kind'] extends 'doctor' ? N : never }[Misbehaviour]
/** A hostile or broken backend's behaviour. */
export type HostileMisbehaviour = { [N in Misbehaviour]: (typeof misbehaviours)[N]['kind'] extends 'hostile' ? N : never }[Misbehaviour]
/** The contract breaks the endpoint doctor must catch, one check each. */
export const doctorMisbehaviourNames = misbehaviourNames.filter((name) => misbehaviours[name].kind === 'doctor') as DoctorMisbehaviour[]
/** What a hostile or broken backend does to a client (the stream client's tests). */
export const hostileMisbehaviourNames = misbehaviourNames.filter((name) => misbehaviours[name].kind === 'hostile') as HostileMisbehaviour[]

/** Request header that adds misbehaviours to one request (and its resumes, which send the same headers): `endless-line, echo-token`. */
export const MISBEHAVE_HEADER = 'X-Mock-Misbehave'

/** `slow-head`: how long the head waits, ms at time scale 1. */
export const SLOW_HEAD_MS = 2000

/** How long `no-heartbeats` keeps silent before the first token: longer than the client's default 30 s stall timeout. */
export const NO_HEARTBEAT_SILENCE_MS = 35_000

/** The set of misbehaviours from an option (one name or several); unknown names throw with the known ones. */
export function misbehaviourSet(input: Misbehaviour | readonly Misbehaviour[] | undefined): ReadonlySet<Misbehaviour> {
  const names = input === undefined ? [] : typeof input === 'string' ? [input] : input
  for (const name of names) {
    if (!Object.hasOwn(misbehaviours, name)) {
      throw new Error(`Unknown misbehaviour "${name}". Known: ${misbehaviourNames.join(', ')}.`)
    }
  }
  return new Set(names)
}

/**
 * The misbehaviours in effect for one request: the server's, plus those its `X-Mock-Misbehave` header names
 * (comma-separated). Throws for an unknown name, and for `cors-second-origin`, which is decided at the preflight.
 */
export function requestMisbehaviours(server: ReadonlySet<Misbehaviour>, header: string | null): ReadonlySet<Misbehaviour> {
  if (!header) return server
  const names = header.split(',').map((name) => name.trim()).filter(Boolean) as Misbehaviour[]
  if (names.includes('cors-second-origin')) throw new Error('cors-second-origin cannot be asked for per request: start the server with it.')
  const own = misbehaviourSet(names)
  return own.size === 0 ? server : new Set([...server, ...own])
}

/** `no-heartbeats`: comments dropped (their waits added to the next step), and a long silence before the first delta. */
export function withoutHeartbeats(plan: StreamPlan, silenceMs = NO_HEARTBEAT_SILENCE_MS): StreamPlan {
  const steps: PlannedStep[] = []
  let carried = 0
  let firstDelta = true
  for (const step of plan.steps) {
    if (step.kind === 'comment') {
      carried += step.delay
      continue
    }
    let delay = step.delay + carried
    carried = 0
    if (firstDelta && step.frame?.event === 'delta') {
      firstDelta = false
      delay = Math.max(delay, silenceMs)
    }
    steps.push({ ...step, delay })
  }
  return { ...plan, steps }
}

/** `no-done`: the plan without its final `done` frame; the body still ends cleanly. */
export function withoutDone(plan: StreamPlan): StreamPlan {
  return { ...plan, steps: plan.steps.filter((step) => step.frame?.event !== 'done') }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** `html-errors`: what nginx or a framework's default error page sends instead of the app's JSON. */
export function htmlErrorPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? 'Error'}`
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

/** `id-only-blocks`: each frame's `id:` goes out in a block of its own, then the frame without it. */
export function withIdOnlyBlocks(plan: StreamPlan): StreamPlan {
  return {
    ...plan,
    steps: plan.steps.map((step) => {
      if (step.kind !== 'frame' || step.frame?.id === undefined) return step
      const { id, ...rest } = step.frame
      return { ...step, text: `${encodeSseFrame({ id })}${encodeSseFrame(rest)}` }
    }),
  }
}

/** `endless-line`: the first frame (`start`), then a `data:` line that never ends. */
export function withEndlessLine(plan: StreamPlan): StreamPlan {
  return { ...plan, steps: plan.steps.slice(0, 1).concat({ delay: 0, kind: 'raw', text: 'data: ' }), end: 'endless' }
}

/** `echo-token`: the message of an `event: error` frame names the token the request carried. */
export function withEchoedToken(plan: StreamPlan, token: string | undefined): StreamPlan {
  if (!token) return plan
  return {
    ...plan,
    steps: plan.steps.map((step) => {
      if (step.frame?.event !== 'error' || step.frame.data === undefined) return step
      const { message } = JSON.parse(step.frame.data) as { message?: string }
      const frame = { ...step.frame, data: JSON.stringify({ message: `${message ?? 'error'} (request token ${token})` }) }
      return { ...step, frame, text: encodeSseFrame(frame) }
    }),
  }
}
