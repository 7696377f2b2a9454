// `npm run mock-server -- --port 8787 [--host 127.0.0.1] [--time-scale 1] [--scenario '{"fixture":"kitchen-sink"}']`
import { parseArgs } from 'node:util'
import { DEMO_TOKEN, SCENARIO_HEADER } from './respond.js'
import type { Scenario } from './scenario.js'
import { startMockServer } from './server.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'time-scale': { type: 'string', default: '1' },
    scenario: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})

if (values.help) {
  console.log('Usage: npm run mock-server -- [--port 8787] [--host 127.0.0.1] [--time-scale 1] [--scenario JSON]')
  process.exit(0)
}

const server = await startMockServer({
  port: Number(values.port),
  host: values.host,
  timeScale: Number(values['time-scale']),
  scenario: values.scenario ? (JSON.parse(values.scenario) as Partial<Scenario>) : {},
})

console.log(`vue-chat-stream mock server on ${server.url}`)
console.log(`  POST ${server.url}/api/sessions/<id>/messages   (Authorization: Bearer ${DEMO_TOKEN})`)
console.log(`  GET  ${server.url}/api/sessions/<id>/messages/<messageId>/stream   (Last-Event-ID)`)
console.log(`  pick a scenario per request with ${SCENARIO_HEADER}: {"fixture":"kitchen-sink","speed":"fast"}`)

const shutdown = () => void server.close().then(() => process.exit(0))
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
