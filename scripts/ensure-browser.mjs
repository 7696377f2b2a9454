// Makes sure a Chromium (and, where possible, Firefox ESR for the cross-engine token test) exists.
// Installs one when missing; fails loudly when it cannot. Browser tests are never skipped.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { findChromium, findFirefox } from './browser-path.mjs'

function run(cmd) {
  console.log(`[ensure-browser] ${cmd}`)
  execSync(cmd, { stdio: 'inherit' })
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const hasApt = existsSync('/usr/bin/apt-get')
const wantFirefox = process.argv.includes('--firefox')

function aptInstall(packages) {
  run('apt-get update -qq')
  run(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`)
}

let chromium = findChromium()
const missing = []
if (!chromium) missing.push('chromium')
if (!existsSync('/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf') && hasApt) missing.push('fonts-noto-color-emoji')
if (wantFirefox && !findFirefox()) missing.push('firefox-esr')

if (missing.length > 0) {
  if (hasApt && isRoot) {
    aptInstall(missing)
  } else if (!chromium) {
    try {
      run('npx playwright install chromium')
    } catch {
      // reported below
    }
  }
  chromium = findChromium()
}

if (!chromium) {
  console.error(
    '\n[ensure-browser] No Chromium found and none could be installed.\n' +
      '  Set CHROMIUM_PATH to a Chromium/Chrome binary, or install one:\n' +
      '    Debian/Ubuntu (root): apt-get install -y chromium fonts-noto-color-emoji\n' +
      '    elsewhere:            npx playwright install chromium\n' +
      '  Browser tests are never skipped, so the run stops here.\n',
  )
  process.exit(1)
}
if (wantFirefox && !findFirefox()) {
  console.error('\n[ensure-browser] Firefox ESR is needed for the cross-browser token test and could not be installed.\n' +
    '  Set FIREFOX_PATH or install it (Debian: apt-get install -y firefox-esr).\n')
  process.exit(1)
}
console.log(`[ensure-browser] chromium: ${chromium}${wantFirefox ? `, firefox: ${findFirefox()}` : ''}`)
