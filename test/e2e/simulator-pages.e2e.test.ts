import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmbedHandler } from '../../src/server/createEmbedHandler.js'
import { toNodeHandler } from '../../src/server/node.js'
import { type RunningSimulator, simulatorHandlerOptions, startSimulator } from '../../src/testing/index.js'
import { chromiumLaunchOptions } from '../support/chromium.js'
import { COMPLETE_DEMOGRAPHICS } from '../support/embed-server.js'

let browser: Browser
let sim: RunningSimulator
let app: Server
let appUrl: string

beforeAll(async () => {
  sim = await startSimulator()
  const userId = await sim.simulator.seedJunctionUser({ clientUserId: 'e2e-user', demographics: COMPLETE_DEMOGRAPHICS })
  const handler = createEmbedHandler({
    ...simulatorHandlerOptions(sim),
    resolveUser: async () => ({ junctionUserId: userId }),
  })
  app = createServer(toNodeHandler(handler))
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
  browser = await chromium.launch(chromiumLaunchOptions())
})

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()))
  await sim?.close()
})

async function signedPortalUrl(): Promise<string> {
  const response = await fetch(`${appUrl}/api/portals/signed-url`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: appUrl },
    body: JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch' } }),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { url: string }).url
}

describe('a signed URL, from the handler through the simulator, in Chromium', () => {
  it('opens the portal page once, and a second visit is refused as already used', async () => {
    const url = await signedPortalUrl()
    const page = await browser.newPage()
    const first = await page.goto(url)
    expect(first?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Junction User Portal')
    const second = await page.goto(url)
    expect(second?.status()).not.toBe(200)
    expect(await page.textContent('body')).toMatch(/already been used/i)
    await page.close()
  })

  it('refuses a tampered token', async () => {
    const url = new URL(await signedPortalUrl())
    const token = url.searchParams.get('token') ?? ''
    url.searchParams.set('token', `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}x`)
    const page = await browser.newPage()
    const response = await page.goto(url.href)
    expect(response?.status()).not.toBe(200)
    expect(await page.textContent('body')).toMatch(/not valid/i)
    await page.close()
  })
})
