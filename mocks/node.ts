// vue-chat-stream/mocks/node — everything from the browser entry (named again here), plus Node-only servers.
import { setupServer, type SetupServer } from 'msw/node'
import { createHandlers, type CreateHandlersOptions } from './handlers.js'

export {
  fixtures, fixtureNames, speeds, speedNames, planGaps, chunkings, chunkingNames, tokenize, interruptions,
  interruptionNames, interruptionDefaults, DEFAULT_SCENARIO, ScenarioError, decodeMessageId, encodeMessageId,
  resolveScenario, SERVER_RETRY_MS, planDuration, planStream, planWrites, playStream, fnv1a, mulberry32,
  encodeSseFrame, parseSseFrame, splitSseFrames, DEMO_TOKEN, MISSING_AUTH_BODY, SCENARIO_HEADER,
  createResponder, createHandlers, defaultScenarioArgs, scenarioArgTypes, scenarioFromArgs,
  NO_HEARTBEAT_SILENCE_MS, misbehaviourNames, misbehaviours,
} from './index.js'
export type {
  Fixture, FixtureName, SpeedName, SpeedSpec, ChunkingName, ChunkingSpec, InterruptionKind, InterruptionName,
  InterruptionSpec, InterruptionInput, ResolvedScenario, Scenario, PlanOptions, PlannedStep, StreamPlan,
  PlannedWrite, PlayOptions, StreamSink, SseFrame, HarnessOptions, MockRequest, MockResult, Responder,
  CreateHandlersOptions, ScenarioArgs, Misbehaviour,
} from './index.js'

// Node-only
export { startMockServer } from './server.js'
export type { MockServer, MockServerOptions } from './server.js'

/**
 * An msw/node server with the harness handlers (call `.listen()` / `.close()` yourself, as with any msw server).
 * Pass `baseUrl` when the same process also talks to a real server on other origins.
 */
export function createMswServer(options: CreateHandlersOptions = {}): SetupServer {
  return setupServer(...createHandlers(options))
}
