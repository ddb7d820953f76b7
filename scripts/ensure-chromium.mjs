#!/usr/bin/env node
// Makes sure the Chromium the browser tests drive is installed: Debian's, or the one CHROMIUM_PATH names.
// Installs it with apt-get when this machine allows it (root, Debian); otherwise stops with the command to run.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (existsSync(path)) process.exit(0)

const install = 'apt-get update && apt-get install -y chromium'
const canInstall = !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')
if (!canInstall) {
  console.error(
    `Chromium was not found at ${path}. The browser tests need it; install it with:\n\n  sudo sh -c '${install}'\n\nor set CHROMIUM_PATH to a Chromium binary.`,
  )
  process.exit(1)
}
console.error(`Chromium was not found at ${path}; installing Debian's chromium package…`)
try {
  execFileSync(
    'sh',
    ['-c', `${install.replace('apt-get update', 'apt-get update -qq').replace('-y chromium', '-y -qq chromium')}`],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    },
  )
} catch {
  console.error(`Installing Chromium failed. Run this, then the tests again:\n\n  ${install}`)
  process.exit(1)
}
if (!existsSync(path)) {
  console.error(`Chromium is still missing at ${path} after the install.`)
  process.exit(1)
}
