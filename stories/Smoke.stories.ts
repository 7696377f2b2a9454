import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, within } from 'storybook/test'
import { defineComponent, h } from 'vue'

const Hello = defineComponent({ props: { name: { type: String, default: 'x' } }, setup: (p) => () => h('p', `hello ${p.name}`) })

const meta = { title: 'Smoke', component: Hello, tags: ['autodocs'] } satisfies Meta<typeof Hello>
export default meta
export const Basic: StoryObj<typeof meta> = {
  args: { name: 'world' },
  play: async ({ canvasElement }) => {
    const r = await fetch('/api/ping')
    await expect(r.status).toBe(418)
    await expect(within(canvasElement).getByText('hello world')).toBeTruthy()
  },
  parameters: { msw: { handlers: [ (await import('msw')).http.get('/api/ping', () => new Response('x', { status: 418 })) ] } },
}
