import type { PlannedStep, StreamPlan } from './plan.js'

/**
 * Ways the harness breaks the streaming contract on purpose, each the way real deployments break it, so the
 * endpoint doctor (`npx vue-chat-stream doctor`) can be seen catching it. `server` ones need the real socket
 * (`startMockServer`, `npm run mock-server -- --misbehave NAME`); the others work in the MSW handlers too.
 */
export const misbehaviours = {
  'not-event-stream': {
    where: 'any',
    description: 'answers the POST with 200 application/json, the whole answer at once (the old non-streaming endpoint)',
  },
  'token-in-url': {
    where: 'any',
    description: 'accepts the token from ?token= when the Authorization header is missing (the legacy EventSource backend)',
  },
  'cors-second-origin': {
    where: 'server',
    description: 'CORS headers only for the first allowed origin (`corsOrigin`); a preflight from any other origin gets 400',
  },
  'buffering-proxy': {
    where: 'server',
    description: 'a proxy that buffers the response body: every byte arrives at once when the answer is complete',
  },
  gzip: {
    where: 'server',
    description: 'Content-Encoding: gzip on the event stream (flushed per write, the best case of compression)',
  },
  'no-heartbeats': {
    where: 'any',
    description: 'no `: ping` comments, and 35 s (× time scale) of silence before the first token while the model thinks',
  },
  'replay-on-resume': {
    where: 'any',
    description: 'the resume GET ignores Last-Event-ID and replays the answer from its first event',
  },
  'html-errors': {
    where: 'any',
    description: '4xx and 5xx answers are HTML pages (a proxy or framework error page) instead of JSON with `detail`',
  },
  'no-retry-after': {
    where: 'any',
    description: 'the first POST of each session answers 503 without Retry-After',
  },
  'no-done': {
    where: 'any',
    description: 'the stream ends cleanly after the last delta without `event: done`',
  },
} as const satisfies Record<string, { where: 'any' | 'server'; description: string }>

export type Misbehaviour = keyof typeof misbehaviours
export const misbehaviourNames = Object.keys(misbehaviours) as Misbehaviour[]

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
