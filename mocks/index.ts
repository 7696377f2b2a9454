// vue-chat-stream/mocks — the mock stream harness (browser-safe: no node: imports).

// Fixtures, speeds, chunkings, interruptions
export { fixtures, fixtureNames } from './scenarios/messages.js'
export type { Fixture, FixtureName } from './scenarios/messages.js'
export { speeds, speedNames, planGaps } from './scenarios/speeds.js'
export type { SpeedName, SpeedSpec } from './scenarios/speeds.js'
export { chunkings, chunkingNames, tokenize } from './scenarios/chunking.js'
export type { ChunkingName, ChunkingSpec } from './scenarios/chunking.js'
export { interruptions, interruptionNames, interruptionDefaults } from './scenarios/interruptions.js'
export type { InterruptionKind, InterruptionName, InterruptionSpec } from './scenarios/interruptions.js'

// Scenarios and plans
export { DEFAULT_SCENARIO, ScenarioError, decodeMessageId, encodeMessageId, resolveScenario } from './scenario.js'
export type { InterruptionInput, ResolvedScenario, Scenario } from './scenario.js'
export { SERVER_RETRY_MS, planDuration, planStream } from './plan.js'
export type { PlanOptions, PlannedStep, StreamPlan } from './plan.js'
export { planWrites, playStream } from './play.js'
export type { PlannedWrite, PlayOptions, StreamSink } from './play.js'
export { fnv1a, mulberry32 } from './prng.js'

// SSE encoding
export { encodeSseFrame, parseSseFrame, splitSseFrames } from './sse.js'
export type { SseFrame } from './sse.js'

// Server logic and MSW handlers
export { DEMO_TOKEN, IDEMPOTENCY_HEADER, MISSING_AUTH_BODY, SCENARIO_HEADER, createResponder } from './respond.js'
export type { HarnessOptions, MockRequest, MockResult, Responder } from './respond.js'
export { createHandlers, createPictureHandlers } from './handlers.js'
export { fixturePictures } from './scenarios/pictures.js'
export type { FixturePicture } from './scenarios/pictures.js'
export type { CreateHandlersOptions } from './handlers.js'
export {
  MISBEHAVE_HEADER,
  NO_HEARTBEAT_SILENCE_MS,
  SLOW_HEAD_MS,
  doctorMisbehaviourNames,
  hostileMisbehaviourNames,
  misbehaviourNames,
  misbehaviours,
} from './misbehave.js'
export type { DoctorMisbehaviour, HostileMisbehaviour, Misbehaviour } from './misbehave.js'

// Storybook helpers
export { defaultScenarioArgs, scenarioArgTypes, scenarioFromArgs } from './storybook.js'
export type { ScenarioArgs } from './storybook.js'
