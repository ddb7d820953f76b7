// The Chromium every test and benchmark drives: Debian's, or the one CHROMIUM_PATH names.
import { existsSync } from 'node:fs'

/** Debian's Chromium unless `CHROMIUM_PATH` says otherwise; test tools cannot download browsers here. */
export function chromiumPath() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(path)) {
    throw new Error(
      `Chromium was not found at ${path}. Install it with "apt-get install -y chromium" ` +
        '(or set CHROMIUM_PATH to a Chromium binary). Browser tests are never skipped.',
    )
  }
  return path
}

/** Launch options shared by every Chromium started here. The popup blocker stays on. */
export function chromiumLaunchOptions() {
  return {
    executablePath: chromiumPath(),
    ignoreDefaultArgs: ['--disable-popup-blocking'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  }
}
