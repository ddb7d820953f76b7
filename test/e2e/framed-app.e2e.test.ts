import { mkdtemp, rm } from 'node:fs/promises'
import { createServer as createHttpServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { type Browser, type BrowserContext, chromium, type FrameLocator, type Page } from 'playwright-core'
import { createServer, type Plugin, type ViteDevServer } from 'vite'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createEmbedHandler } from '../../src/server/createEmbedHandler.js'
import { toNodeHandler } from '../../src/server/node.js'
import {
  type RunningSimulator,
  SAMPLE_DEMOGRAPHICS,
  simulatorHandlerOptions,
  startSimulator,
} from '../../src/testing/index.js'
import { chromiumLaunchOptions } from '../support/chromium.js'
import { fillDemographicsForm } from '../support/demographics-form.js'

// The host app inside an EHR: a page on one site (http://localhost:…) frames the host app on another
// (http://127.0.0.1:…), with the sandbox an EHR might set, in Chromium with its popup blocker on. The app is
// test/e2e/framed-app, served by Vite in development (so `detail` is there to read), its endpoint
// `createEmbedHandler` over the vendor simulator; the user's token travels through `<EmbedProvider headers>`.

/** A patient with complete details, whose portal opens at once. */
const ADA = 'framed-ada'
/** Everything an EHR frame would allow, but `allow-popups`. */
const NO_POPUPS = 'allow-scripts allow-same-origin allow-forms'
/** Everything an EHR frame would allow, but `allow-forms`. */
const NO_FORMS = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox'
/** The sandbox a careful EHR sets. */
const EHR_TYPICAL = `${NO_POPUPS} allow-popups allow-popups-to-escape-sandbox`

let simulator: RunningSimulator
let app: ViteDevServer
let appOrigin: string
let ehr: Server
let ehrOrigin: string
let cacheDir: string
let browser: Browser
let context: BrowserContext
/** The endpoint's requests, as `METHOD /path user` (`signed-out` without a token). */
const calls: string[] = []

/** Mounts the host's endpoint on the dev server, accepting `Authorization: Bearer <user>`, and records each call. */
function endpoint(): Plugin {
  const handle = toNodeHandler(
    createEmbedHandler({
      ...simulatorHandlerOptions(simulator),
      resolveUser: (request) => {
        const user = /^Bearer (framed-[a-z-]+)$/.exec(request.headers.get('authorization') ?? '')?.[1]
        return user ? { clientUserId: user } : null
      },
    }),
  )
  return {
    name: 'framed-app-endpoint',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (request.url?.startsWith('/api/portals/')) {
          const user = request.headers.authorization?.replace('Bearer ', '') ?? 'signed-out'
          calls.push(`${request.method} ${request.url.split('?')[0]} ${user}`)
        }
        void handle(request, response, next)
      })
    },
  }
}

/** The fake EHR's page: one iframe of the host app, with the `sandbox` and `allow` asked for. */
function ehrPage(query: URLSearchParams): string {
  const attribute = (name: string) => {
    const value = query.get(name)
    return value === null ? '' : ` ${name}="${value.replaceAll('"', '&quot;')}"`
  }
  const forApp = new URLSearchParams()
  for (const name of ['user', 'gate']) {
    const value = query.get(name)
    if (value !== null) forApp.set(name, value)
  }
  const src = `${appOrigin}/?${forApp}`
  return (
    '<!doctype html><html lang="en"><title>EHR</title><h1>EHR</h1>' +
    `<iframe title="Host app" src="${src}"${attribute('sandbox')}${attribute('allow')} width="900" height="1400"></iframe></html>`
  )
}

beforeAll(async () => {
  simulator = await startSimulator({
    simulator: { seed: 7 },
    seedData: { junctionUsers: [{ clientUserId: ADA, demographics: SAMPLE_DEMOGRAPHICS }] },
  })
  cacheDir = await mkdtemp(join(tmpdir(), 'embedded-portals-framed-'))
  app = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('./framed-app/', import.meta.url)),
    cacheDir,
    plugins: [react(), endpoint()],
    server: { port: 0, host: '127.0.0.1' },
    optimizeDeps: {
      include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', '@tanstack/react-query'],
    },
    logLevel: 'silent',
  })
  await app.listen()
  appOrigin = new URL(app.resolvedUrls?.local[0] ?? '').origin
  ehr = createHttpServer((request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8')
    response.end(ehrPage(new URL(request.url ?? '/', 'http://localhost').searchParams))
  })
  await new Promise<void>((resolve) => ehr.listen(0, '127.0.0.1', resolve))
  const address = ehr.address()
  // Another site than the app's: `localhost` and `127.0.0.1` are different hosts to the browser.
  ehrOrigin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`
  browser = await chromium.launch(chromiumLaunchOptions())
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => ehr?.close(resolve))
  await app?.close()
  await simulator?.close()
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true })
})

afterEach(async () => {
  await context?.close()
  calls.length = 0
})

interface Framed {
  page: Page
  frame: FrameLocator
  /** What the app printed with `console.warn`. */
  warnings: string[]
  /** What the host heard: `launch <via>`, `error <code>: <detail>`, `details saved`. */
  heard: () => Promise<string[]>
}

/**
 * Opens the EHR's page, framing the host app with `sandbox` and `allow` (none when undefined), for `user`
 * (signed out without), its button in a gate unless `gate` is `no`.
 */
async function openFramed(options: { sandbox?: string; allow?: string; user?: string; gate?: 'no' }): Promise<Framed> {
  context = await browser.newContext({ viewport: { width: 1000, height: 1500 } })
  const page = await context.newPage()
  const warnings: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text())
  })
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(options)) if (value !== undefined) query.set(key, value)
  await page.goto(`${ehrOrigin}/?${query}`)
  const frame = page.frameLocator('iframe[title="Host app"]')
  await frame.getByRole('heading', { name: 'Host app' }).waitFor({ timeout: 30_000 })
  const heard = () => frame.getByRole('list', { name: 'What the host heard' }).getByRole('listitem').allTextContents()
  return { page, frame, warnings, heard }
}

async function stateOf(button: ReturnType<FrameLocator['getByRole']>, state: string) {
  await expect.poll(() => button.getAttribute('data-state'), { timeout: 15_000 }).toBe(state)
}

const signedUrlCalls = () => calls.filter((call) => call.startsWith('POST /api/portals/signed-url'))

describe('the host app framed by another site, in Chromium with its popup blocker on', () => {
  it('sandboxed without allow-popups: the fallback link ends in the copy field, and onLaunch is never called', async () => {
    const { frame, heard, warnings } = await openFramed({ sandbox: NO_POPUPS, user: ADA })
    const button = frame.getByRole('button', { name: 'Open portal' })
    await button.hover()
    await stateOf(button, 'ready')
    await button.click()
    await stateOf(button, 'blocked')
    await frame.getByRole('link', { name: 'Open portal' }).click()
    const field = frame.getByLabel('Your browser cannot open the portal from this page. Copy its link into a new tab:')
    await field.waitFor()
    expect(await field.inputValue()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pages\/junction\/portal\?token=/)
    expect(await field.evaluate((element) => element === document.activeElement)).toBe(true)
    expect(context.pages()).toHaveLength(1)
    // Heard once, with the sandbox tokens named; no launch, since nothing opened and nothing was copied.
    const said = await heard()
    expect(said).toHaveLength(1)
    expect(said[0]).toMatch(/^error popup_blocked: window\.open returned null, and this page is framed/)
    expect(said[0]).toContain('allow-popups allow-popups-to-escape-sandbox')
    // Without allow="clipboard-write" the clipboard refused too, and the console says why, without the link.
    expect(warnings.some((text) => text.includes('needs allow="clipboard-write"'))).toBe(true)
    for (const text of warnings) expect(text).not.toContain('token=')
    expect(signedUrlCalls()).toHaveLength(1)
  }, 60_000)

  it('the same frame with allow="clipboard-write": the link is copied, said so, and onLaunch hears it', async () => {
    const { page, frame, heard } = await openFramed({ sandbox: NO_POPUPS, allow: 'clipboard-write', user: ADA })
    // For reading the clipboard back. Chromium asks the top page's origin for a frame's permissions, and
    // a grant refuses what it does not list: writing stays allowed as without a grant.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ehrOrigin })
    const button = frame.getByRole('button', { name: 'Open portal' })
    await button.hover()
    await stateOf(button, 'ready')
    await button.click()
    await stateOf(button, 'blocked')
    await frame.getByRole('link', { name: 'Open portal' }).click()
    await frame.getByRole('status').filter({ hasText: 'Link copied' }).waitFor()
    const field = frame.getByLabel(/Copy its link into a new tab/)
    expect(await heard()).toEqual([expect.stringMatching(/^error popup_blocked: /), 'launch clipboard'])
    // Read back by the EHR's page, which may read its own clipboard.
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe(await field.inputValue())
    expect(context.pages()).toHaveLength(1)
  }, 60_000)

  it('sandboxed without allow-forms: Enter in a field checks, then saves, and the portal opens', async () => {
    const { frame, heard } = await openFramed({ sandbox: NO_FORMS, user: 'framed-grace' })
    await frame.getByRole('button', { name: 'Save and continue' }).waitFor()
    // Enter in an empty form: the checks run as ever, the summary takes focus, nothing is sent.
    await frame.getByLabel(/^First name/).press('Enter')
    const summary = frame.locator('[data-embedded-portals="summary"]')
    await expect.poll(() => summary.getAttribute('role')).toBe('alert')
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true)
    expect(calls.filter((call) => call.startsWith('PUT'))).toEqual([])
    await fillDemographicsForm(frame)
    await frame.getByLabel(/^Country/).press('Enter')
    const button = frame.getByRole('button', { name: 'Open portal' })
    await button.waitFor()
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(true)
    await frame.getByText('Details saved.').waitFor()
    expect(calls.filter((call) => call.startsWith('PUT'))).toEqual(['PUT /api/portals/demographics framed-grace'])
    expect(await heard()).toEqual(['details saved'])
    const opened = context.waitForEvent('page')
    await button.click()
    const tab = await opened
    await tab.waitForLoadState('load')
    expect(tab.url()).toMatch(/\/pages\/junction\/portal\?token=/)
    expect(await heard()).toEqual(['details saved', expect.stringMatching(/^launch (direct|placeholder)$/)])
  }, 60_000)

  it('sandboxed without allow-forms: a click on "Save and continue" saves, once', async () => {
    const { frame } = await openFramed({ sandbox: NO_FORMS, user: 'framed-hedy' })
    await frame.getByRole('button', { name: 'Save and continue' }).waitFor()
    await fillDemographicsForm(frame)
    await frame.getByRole('button', { name: 'Save and continue' }).click()
    await frame.getByRole('button', { name: 'Open portal' }).waitFor()
    expect(calls.filter((call) => call.startsWith('PUT'))).toEqual(['PUT /api/portals/demographics framed-hedy'])
  }, 60_000)

  it('signed out: a hover and a click cost two requests, open no tab, and the detail names the framing fixes', async () => {
    const { page, frame, heard } = await openFramed({ sandbox: EHR_TYPICAL, gate: 'no' })
    const tabs: string[] = []
    context.on('page', (tab) => tabs.push(tab.url()))
    const button = frame.getByRole('button', { name: 'Open portal' })
    await button.hover()
    await stateOf(button, 'error')
    await button.click()
    await expect.poll(() => heard().then((said) => said.length)).toBe(2)
    // Time for anything more to go out: a refetch on focus, a retry, a tab.
    await page.waitForTimeout(1_500)
    expect(signedUrlCalls()).toEqual([
      'POST /api/portals/signed-url signed-out',
      'POST /api/portals/signed-url signed-out',
    ])
    expect(tabs).toEqual([])
    const said = await heard()
    expect(said).toHaveLength(2)
    for (const line of said) {
      expect(line).toMatch(/^error unauthorized: POST http:\/\/127\.0\.0\.1:\d+\/api\/portals\/signed-url answered 401/)
      expect(line).toContain('third-party cookies')
      expect(line).toContain('Partitioned; Secure; SameSite=None')
      expect(line).toContain('<EmbedProvider headers>')
    }
    expect(await frame.getByRole('alert').textContent()).toContain('You are signed out. Sign in again, then retry.')
  }, 60_000)
})
