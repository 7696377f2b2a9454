/**
 * Pictures the fixtures show, served by the MSW handlers at the fixtures' URLs, so a story or a test shows them
 * without a network. Markdown images must be absolute http(s) URLs (the renderer refuses `data:` and relative
 * ones), so the fixtures name a URL on `example.com` and the harness answers it. Shapes only, no text: a picture
 * renders the same on every machine.
 */
export interface FixturePicture {
  contentType: string
  body: string
}

const BOXES = [20, 140, 260]
  .map((x, i) => `<rect x="${x}" y="30" width="80" height="60" rx="8" fill="${['#dbe7ff', '#d6f5e0', '#fff1c9'][i]}" stroke="#4b5563" stroke-width="2"/>`)
  .join('')
const ARROWS = [100, 220].map((x) => `<path d="M${x + 4} 60h28m-8-6 8 6-8 6" fill="none" stroke="#4b5563" stroke-width="2"/>`).join('')

/** The kitchen-sink answer's `![A small diagram](https://example.com/diagram.svg "Diagram")`: three boxes, two arrows. */
export const fixturePictures: Readonly<Record<string, FixturePicture>> = {
  'https://example.com/diagram.svg': {
    contentType: 'image/svg+xml',
    body: `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="120" viewBox="0 0 360 120"><rect width="360" height="120" fill="#f8fafc"/>${BOXES}${ARROWS}</svg>`,
  },
}
