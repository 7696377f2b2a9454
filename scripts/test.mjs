// `npm test`: every check, in order, stopping at the first failure.
import { execSync } from 'node:child_process'

const steps = [
  ['browsers', 'node scripts/ensure-browser.mjs --firefox'],
  ['lint', 'npm run --silent lint'],
  ['typecheck', 'npm run --silent typecheck'],
  ['unit tests (Node)', 'npx vitest run --project unit'],
  ['browser tests (Chromium)', 'npx vitest run --project browser --passWithNoTests'],
  ['story + visual tests (Chromium)', 'VCS_VISUAL=1 npx vitest run --project storybook'],
]

for (const [name, cmd] of steps) {
  const started = Date.now()
  console.log(`\n=== ${name}: ${cmd}`)
  try {
    execSync(cmd, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } })
  } catch {
    console.error(`\n=== ${name} FAILED`)
    process.exit(1)
  }
  console.log(`=== ${name} ok (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}
