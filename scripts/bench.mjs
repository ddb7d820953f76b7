#!/usr/bin/env node
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
// `npm run bench`: the launch button in Chromium against an endpoint that takes 800 ms to sign.
// Prints click-to-navigation time (prefetched versus a naive fetch-on-click button), the requests
// 1,000 idle buttons make, and the mount time of 1,000 buttons against 1,000 plain <button>s.
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { chromium } from 'playwright-core'
import { build, preview } from 'vite'
import { chromiumLaunchOptions } from './chromium.mjs'

// A production build: React's development checks would dwarf what is measured.
const root = fileURLToPath(new URL('../bench', import.meta.url))
const outDir = await mkdtemp(join(tmpdir(), 'embedded-portals-bench-'))
const config = {
  root,
  configFile: false,
  logLevel: 'error',
  plugins: [react()],
  publicDir: fileURLToPath(new URL('../public', import.meta.url)),
  build: { outDir, emptyOutDir: true },
}
await build(config)
const server = await preview({ ...config, preview: { host: '127.0.0.1', port: 0 } })
const url = server.resolvedUrls.local[0]
const browser = await chromium.launch(chromiumLaunchOptions())

const CLICKS = 5
try {
  const page = await browser.newPage()
  await page.goto(url)
  await page.evaluate(() => window.bench.ready)

  async function clickTimes(prepare) {
    const times = []
    for (let i = 0; i < CLICKS; i++) {
      await page.evaluate((name) => window.bench[name](), prepare)
      const measured = page.evaluate(() => window.bench.armClick())
      await page.click('button')
      times.push(await measured)
    }
    times.sort((a, b) => a - b)
    return times[Math.floor(times.length / 2)]
  }

  const prefetched = await clickTimes('preparePrefetched')
  const naive = await clickTimes('prepareNaive')
  const idleRequests = await page.evaluate(() => window.bench.idleRequests())
  const mount = await page.evaluate(() => window.bench.mountTimes(21))

  const round = (n) => Math.round(n * 10) / 10
  const rows = [
    {
      measure: 'click → navigation, prefetched button (median of 5)',
      value: `${round(prefetched)} ms`,
      target: '≤ 50 ms',
    },
    {
      measure: 'click → navigation, naive fetch-on-click (median of 5)',
      value: `${round(naive)} ms`,
      target: '(comparison)',
    },
    { measure: 'requests from 1,000 idle buttons (default prefetch)', value: String(idleRequests), target: '0' },
    { measure: 'mount 1,000 launch buttons (median of 21)', value: `${round(mount.launch)} ms`, target: '' },
    { measure: 'mount 1,000 plain <button>s (median of 21)', value: `${round(mount.plain)} ms`, target: '' },
    {
      measure: 'mount 1,000 stateless components, same button (floor)',
      value: `${round(mount.floor)} ms`,
      target: '(reference)',
    },
    { measure: 'mount ratio, launch / plain', value: String(round(mount.launch / mount.plain)), target: '≤ 1.5' },
    { measure: 'floor ratio, floor / plain', value: String(round(mount.floor / mount.plain)), target: '(reference)' },
  ]
  const version = browser.version()
  console.log(`\nLaunch button benchmark: Chromium ${version}, signing latency 800 ms\n`)
  console.table(rows)
} finally {
  await browser.close()
  await server.close()
  await rm(outDir, { recursive: true, force: true })
}
