// Copied into the packed example app by test/consumer.test.ts and compiled there with vue-tsc against the shipped
// declarations (here, `npm run typecheck` compiles it against the sources). Each `@ts-expect-error` proves a type
// is real: were an entry's declarations missing or resolved to `any`, the directive would be unused — an error.
import { h } from 'vue'
import { createSessionsPlugin, MessageList, openEventStream, useSessionsStore, type ChatMessage } from 'vue-chat-stream'
import { StreamingDebugPanel, useReactivityMonitor } from 'vue-chat-stream/debug'
import { createStreamingMarkdown, loadHighlighter } from 'vue-chat-stream/markdown'
import { DEMO_TOKEN, fixtures } from 'vue-chat-stream/mocks'
import { startMockServer } from 'vue-chat-stream/mocks/node'

export function probeShippedTypes(message: ChatMessage): void {
  // `.`: a component from a .vue.d.ts, the store and its plugin, the stream client
  h(MessageList, { messages: [message] })
  // @ts-expect-error -- messages is readonly ChatMessage[]
  h(MessageList, { messages: 5 })
  // @ts-expect-error -- sendMessage(sessionId, content)
  void useSessionsStore().sendMessage(1)
  // @ts-expect-error -- the URL is a string
  openEventStream(42)
  // @ts-expect-error -- the plugin takes SessionsOptions: baseUrl is a string
  createSessionsPlugin({ baseUrl: 1 })

  // `./markdown`: its own declarations and shiki's (a dependency)
  // @ts-expect-error -- update(content, streaming)
  createStreamingMarkdown().update(1, true)
  // @ts-expect-error -- HighlighterCore#codeToHtml takes the code text
  void loadHighlighter().then((highlighter) => highlighter.codeToHtml(1, { lang: 'ts', theme: 'github-light-default' }))

  // `./debug`
  // @ts-expect-error -- headingLevel is 2 | 3 | 4 | 5
  h(StreamingDebugPanel, { headingLevel: 1 })
  // @ts-expect-error -- windowMs is a number
  useReactivityMonitor({ windowMs: 'long' })

  // `./mocks` and `./mocks/node`
  // @ts-expect-error -- the demo token is a string
  const _token: number = DEMO_TOKEN
  // @ts-expect-error -- fixtures are keyed by name
  void fixtures.nope
  // @ts-expect-error -- the port is a number
  void startMockServer({ port: '8787' })
}
