// `npm run mock-server -- --port 8787 [--host 127.0.0.1] [--time-scale 1] [--scenario '{"fixture":"kitchen-sink"}']
//   [--misbehave gzip[,no-done…]] [--cors-origin https://app.example]`
import { parseArgs } from 'node:util'
import { misbehaviourNames, misbehaviours, misbehaviourSet, type Misbehaviour } from './misbehave.js'
import { DEMO_TOKEN, SCENARIO_HEADER } from './respond.js'
import type { Scenario } from './scenario.js'
import { startMockServer } from './server.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'time-scale': { type: 'string', default: '1' },
    scenario: { type: 'string' },
    misbehave: { type: 'string', multiple: true, default: [] },
    'cors-origin': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})

if (values.help) {
  console.log('Usage: npm run mock-server -- [--port 8787] [--host 127.0.0.1] [--time-scale 1] [--scenario JSON]')
  console.log('                              [--misbehave NAME[,NAME…]] [--cors-origin https://app.example]')
  console.log('\nMisbehaviours (break the contract on purpose, for `npx vue-chat-stream doctor`):')
  for (const name of misbehaviourNames) console.log(`  ${name.padEnd(20)} ${misbehaviours[name].description}`)
  process.exit(0)
}

let misbehave: ReadonlySet<Misbehaviour>
try {
  misbehave = misbehaviourSet(values.misbehave.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean) as Misbehaviour[])
} catch (error) {
  console.error((error as Error).message)
  process.exit(2)
}

const server = await startMockServer({
  port: Number(values.port),
  host: values.host,
  timeScale: Number(values['time-scale']),
  scenario: values.scenario ? (JSON.parse(values.scenario) as Partial<Scenario>) : {},
  misbehave: [...misbehave],
  corsOrigin: values['cors-origin'],
})

console.log(`vue-chat-stream mock server on ${server.url}`)
console.log(`  POST ${server.url}/api/sessions/<id>/messages   (Authorization: Bearer ${DEMO_TOKEN})`)
console.log(`  GET  ${server.url}/api/sessions/<id>/messages/<messageId>/stream   (Last-Event-ID)`)
console.log(`  pick a scenario per request with ${SCENARIO_HEADER}: {"fixture":"kitchen-sink","speed":"fast"}`)
if (misbehave.size > 0) console.log(`  misbehaving on purpose: ${[...misbehave].join(', ')}`)

const shutdown = () => void server.close().then(() => process.exit(0))
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
