import type { Scenario } from './scenario.js'
import { chunkingNames, type ChunkingName } from './scenarios/chunking.js'
import { interruptionNames, type InterruptionName, interruptions } from './scenarios/interruptions.js'
import { fixtureNames, type FixtureName } from './scenarios/messages.js'
import { speedNames, type SpeedName } from './scenarios/speeds.js'

/** Flat, control-friendly scenario fields (what Storybook args hold). */
export interface ScenarioArgs {
  fixture: FixtureName
  speed: SpeedName
  chunking: ChunkingName
  interruption: InterruptionName
  /** Fraction of the answer sent before the interruption (0..1); ignored by interruptions without one. */
  at: number
  seed: number
}

export const defaultScenarioArgs: ScenarioArgs = {
  fixture: 'short-answer',
  speed: 'typing',
  chunking: 'auto',
  interruption: 'none',
  at: 0.5,
  seed: 1,
}

/** Storybook `argTypes` for ScenarioArgs (plain data: no Storybook import needed). */
export const scenarioArgTypes = {
  fixture: { control: 'select', options: fixtureNames, description: 'Message fixture' },
  speed: { control: 'select', options: speedNames, description: 'Speed' },
  chunking: { control: 'select', options: chunkingNames, description: 'How the answer is cut into deltas / bytes' },
  interruption: { control: 'select', options: interruptionNames, description: 'What goes wrong' },
  at: { control: { type: 'range', min: 0, max: 1, step: 0.05 }, description: 'Where it goes wrong (fraction)' },
  seed: { control: { type: 'number', min: 0, step: 1 }, description: 'Seed for jitter' },
} as const

/** Turn flat args into a `Partial<Scenario>` (e.g. for the `X-Mock-Scenario` header). */
export function scenarioFromArgs(args: Partial<ScenarioArgs>): Partial<Scenario> {
  const a = { ...defaultScenarioArgs, ...args }
  const preset = interruptions[a.interruption]
  return {
    fixture: a.fixture,
    speed: a.speed,
    chunking: a.chunking,
    interruption: 'at' in preset && a.at !== preset.at ? { ...preset, at: a.at } : a.interruption,
    seed: a.seed,
  }
}
