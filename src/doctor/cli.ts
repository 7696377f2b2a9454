#!/usr/bin/env node
// `npx vue-chat-stream doctor <url> …`: the package's bin. Built into dist/cli.js by vite.lib.config.ts, so it runs
// on plain Node ≥ 20.19 from the installed package; in this repo: `node --import ./mocks/register-ts.mjs src/doctor/cli.ts`.
/* eslint-disable no-console -- a CLI talks on stdout/stderr */
import { existsSync, readFileSync } from 'node:fs'
import { connect } from 'node:tls'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { formatDoctorReport } from './format'
import { runDoctor } from './run'
import { trimTrailingSlashes } from './url'

const USAGE = `Usage: npx vue-chat-stream doctor <url> [options]

Checks a streaming chat endpoint (POST …/messages → text/event-stream) against the vue-chat-stream contract:
auth header, the token-in-URL bug, CORS, buffering, heartbeats, resume, error bodies, framing.
One answer is generated per run. See docs/doctor.md.

  --token T            the bearer token (ends up in shell history: prefer --token-env)
  --token-env NAME     read the bearer token from the environment variable NAME
  --origin URL         the app's origin, e.g. https://app.example: checks CORS as a browser there would
  --resume-url URL     where a stream resumes; {messageId} is replaced (default: <url>/{messageId}/stream)
  --prompt TEXT        the question to ask (default: a numbered list, long enough to see streaming)
  --body JSON          the POST body instead of {"content": <prompt>}
  --header 'N: v'      an extra header on every request (repeatable)
  --stall-timeout MS   your app's stallTimeoutMs (default: the client's 30000)
  --timeout MS         the longest wait for one stream (default 120000)
  --json               print the report as JSON (for CI)
  -h, --help           this text
  --version            the package version

Exit code: 0 when every check passes or only warns, 1 when a check fails, 2 when the command line is wrong.`

/** The version of the package this file belongs to (dist/cli.js or src/doctor/cli.ts). */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 4; i++) {
    const file = join(dir, 'package.json')
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'vue-chat-stream') return pkg.version ?? 'unknown'
    }
    dir = dirname(dir)
  }
  return 'unknown'
}

/** The HTTP version a browser would get: ALPN over TLS for https:, HTTP/1.1 for plain http:. */
function httpVersion(url: string): Promise<string | undefined> {
  const { protocol, hostname, port } = new URL(url)
  if (protocol === 'http:') return Promise.resolve('http/1.1')
  if (protocol !== 'https:') return Promise.resolve(undefined)
  return new Promise((resolve) => {
    const host = hostname.replace(/^\[|\]$/g, '')
    const socket = connect({ host, port: Number(port || 443), servername: /^[\d.:]+$/.test(host) ? undefined : host, ALPNProtocols: ['h2', 'http/1.1'] })
    const done = (value: string | undefined) => {
      socket.destroy()
      resolve(value)
    }
    socket.setTimeout(5000, () => done(undefined))
    socket.once('secureConnect', () => done(socket.alpnProtocol || 'http/1.1'))
    socket.once('error', () => done(undefined))
  })
}

function fail(message: string): never {
  console.error(`vue-chat-stream: ${message}\n\n${USAGE}`)
  process.exit(2)
}

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) fail(`${name} takes a number of milliseconds, got "${value}".`)
  return n
}

async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        token: { type: 'string' },
        'token-env': { type: 'string' },
        origin: { type: 'string' },
        'resume-url': { type: 'string' },
        prompt: { type: 'string' },
        body: { type: 'string' },
        header: { type: 'string', multiple: true, default: [] },
        'stall-timeout': { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    fail((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  if (values.version) {
    console.log(packageVersion())
    return 0
  }
  const [command, url, ...extra] = positionals
  if (command !== 'doctor') fail(command ? `unknown command "${command}".` : 'which command? Only "doctor" exists.')
  if (!url) fail('doctor needs the URL of the streaming endpoint.')
  if (extra.length > 0) fail(`unexpected arguments: ${extra.join(' ')}.`)
  if (!/^https?:\/\//i.test(url)) fail(`the URL must start with http:// or https://, got "${url}".`)
  if (values.token !== undefined && values['token-env'] !== undefined) fail('give --token or --token-env, not both.')
  let token = values.token
  if (values['token-env'] !== undefined) {
    token = process.env[values['token-env']]
    if (!token) fail(`the environment variable ${values['token-env']} is empty or not set.`)
  }
  if (!token) fail('doctor needs a token: --token-env NAME (or --token T).')
  if (values.origin !== undefined && !/^https?:\/\/[^/]+$/i.test(trimTrailingSlashes(values.origin))) {
    fail(`--origin is an origin like https://app.example (scheme and host, no path), got "${values.origin}".`)
  }
  let body: Record<string, unknown> | undefined
  if (values.body !== undefined) {
    try {
      body = JSON.parse(values.body) as Record<string, unknown>
    } catch {
      fail('--body must be JSON.')
    }
  }
  const headers: Record<string, string> = {}
  for (const line of values.header) {
    const colon = line.indexOf(':')
    if (colon < 1) fail(`--header takes "Name: value", got "${line}".`)
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }

  const controller = new AbortController()
  process.once('SIGINT', () => controller.abort())
  const report = await runDoctor({
    url,
    token,
    origin: values.origin,
    resumeUrl: values['resume-url'],
    prompt: values.prompt,
    body,
    headers,
    stallTimeoutMs: number(values['stall-timeout'], '--stall-timeout'),
    timeoutMs: number(values.timeout, '--timeout'),
    httpVersion,
    signal: controller.signal,
  })
  if (values.json) console.log(JSON.stringify(report, null, 2))
  else process.stdout.write(formatDoctorReport(report, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }))
  return report.status === 'fail' ? 1 : 0
}

main(process.argv.slice(2)).then(
  // Exit once stdout is flushed: idle keep-alive sockets must not keep the process waiting.
  (code) => void process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    console.error(`vue-chat-stream doctor: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(2)
  },
)
