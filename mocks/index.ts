// vue-chat-stream/mocks — the mock stream harness (browser-safe: no node: imports).

// Fixtures, speeds, chunkings, interruptions
export { fixtures, fixtureNames } from './scenarios/messages.ts'
export type { Fixture, FixtureName } from './scenarios/messages.ts'
export { speeds, speedNames, planGaps } from './scenarios/speeds.ts'
export type { SpeedName, SpeedSpec } from './scenarios/speeds.ts'
export { chunkings, chunkingNames, tokenize } from './scenarios/chunking.ts'
export type { ChunkingName, ChunkingSpec } from './scenarios/chunking.ts'
export { interruptions, interruptionNames, interruptionDefaults } from './scenarios/interruptions.ts'
export type { InterruptionKind, InterruptionName, InterruptionSpec } from './scenarios/interruptions.ts'

// Scenarios and plans
export { DEFAULT_SCENARIO, ScenarioError, decodeMessageId, encodeMessageId, resolveScenario } from './scenario.ts'
export type { InterruptionInput, ResolvedScenario, Scenario } from './scenario.ts'
export { SERVER_RETRY_MS, planDuration, planStream } from './plan.ts'
export type { PlanOptions, PlannedStep, StreamPlan } from './plan.ts'
export { planWrites, playStream } from './play.ts'
export type { PlannedWrite, PlayOptions, StreamSink } from './play.ts'
export { fnv1a, mulberry32 } from './prng.ts'

// SSE encoding
export { encodeSseFrame, parseSseFrame, splitSseFrames } from './sse.ts'
export type { SseFrame } from './sse.ts'

// Server logic and MSW handlers
export { DEMO_TOKEN, MISSING_AUTH_BODY, SCENARIO_HEADER, createResponder } from './respond.ts'
export type { HarnessOptions, MockRequest, MockResult, Responder } from './respond.ts'
export { createHandlers } from './handlers.ts'
export type { CreateHandlersOptions } from './handlers.ts'

// Storybook helpers
export { defaultScenarioArgs, scenarioArgTypes, scenarioFromArgs } from './storybook.ts'
export type { ScenarioArgs } from './storybook.ts'
