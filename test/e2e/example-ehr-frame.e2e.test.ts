import { execFile } from 'node:child_process'
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Browser, type BrowserContext, chromium, type FrameLocator, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs script without declarations
import { buildLocalPackage, installLocalPackage } from '../../examples/install-local-package.mjs'
import { brokenLinks } from '../../scripts/check-package-links.mjs'
import { chromiumLaunchOptions } from '../support/chromium.js'
import { fillDemographicsForm } from '../support/demographics-form.js'
import { type StartedNode, startNode, stopNode } from '../support/node-process.js'

// examples/ehr-frame as a user runs it: the package as built in its node_modules, a development build of
// the client (`npm run build:dev`, so that each error's `detail` reaches the console), then `npm start`: the
// Hono app on http://localhost, a fake EHR on http://127.0.0.1 (another site) framing it, and the vendor
// simulator. One Chromium with its popup blocker on walks the matrix of iframe attributes and sessions; the
// simulator's control route resets it between cells instead of a restart.

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
const example = join(root, 'examples/ehr-frame')

/** What an EHR should set on the app's iframe, and that set without one token. */
const EHR_SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox'
const without = (token: string) =>
  EHR_SANDBOX.split(' ')
    .filter((each) => each !== token)
    .join(' ')

let cleanupBuild: (() => Promise<void>) | undefined
let typeErrors = ''
let server: StartedNode | undefined
let appUrl: string
let ehrUrl: string
let simulatorUrl: string
let browser: Browser
let context: BrowserContext
let page: Page
/** What the page and its frames printed with console.warn since the last `openEhr`: the errors' `detail`. */
let warnings: string[] = []

beforeAll(async () => {
  const built = (await buildLocalPackage()) as { dir: string; cleanup: () => Promise<void> }
  cleanupBuild = built.cleanup
  await installLocalPackage('ehr-frame', built.dir)
  await rm(join(example, 'dist'), { recursive: true, force: true })
  // `npm run build:dev` and `npm run typecheck`, at the lowest CPU priority: other tests' waits are timed.
  const vite = [process.execPath, join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'development']
  const tsc = [process.execPath, join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']
  const [, checked] = await Promise.all([
    run('nice', ['-n', '19', ...vite, '--logLevel', 'warn'], { cwd: example }),
    run('nice', ['-n', '19', ...tsc], { cwd: example }).then(
      () => '',
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    ),
  ])
  typeErrors = checked
  server = await startNode('server/index.js', example, { PORT: '0', EHR_PORT: '0' }, [
    'Vendor simulator',
    'Northwind Labs (the app)',
    'Epicure EHR (framing it)',
  ])
  appUrl = new URL(server.lines['Northwind Labs (the app)'] ?? '').origin
  ehrUrl = new URL(server.lines['Epicure EHR (framing it)'] ?? '').origin
  simulatorUrl = server.lines['Vendor simulator'] ?? ''
  browser = await chromium.launch({ ...chromiumLaunchOptions(), ignoreDefaultArgs: ['--disable-popup-blocking'] })
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  for (const origin of [appUrl, ehrUrl]) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
  }
  page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text())
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stopNode(server)
  await cleanupBuild?.()
  await rm(join(example, 'node_modules/embedded-portals'), { recursive: true, force: true })
  await rm(join(example, 'dist'), { recursive: true, force: true })
})

interface Cell {
  patient?: 'ada' | 'grace'
  /** The iframe's sandbox tokens; null: no sandbox attribute. Default: what an EHR should set. */
  sandbox?: string | null
  /** `allow="clipboard-write"` on the iframe. Default true. */
  clipboard?: boolean
  session?: 'token' | 'partitioned' | 'lax'
}

/** Opens the fake EHR with the app framed as `cell` says, and returns the app's frame once it shows the patient. */
async function openEhr(cell: Cell = {}): Promise<FrameLocator> {
  const query = new URLSearchParams({ patient: cell.patient ?? 'ada', session: cell.session ?? 'token' })
  if (cell.sandbox !== undefined) query.set('sandbox', cell.sandbox ?? 'none')
  if (cell.clipboard === false) query.set('clipboard', '0')
  // Each cell starts from the EHR's launch alone: no session cookie kept from another cell.
  await context.clearCookies()
  warnings = []
  await page.goto(`${ehrUrl}/?${query}`)
  const app = page.frameLocator('iframe[title="Northwind Labs"]')
  await app.getByRole('heading', { level: 1 }).waitFor()
  return app
}

/** The callbacks the app logged (`onLaunch: open via direct`, `onError: popup_blocked`…). */
const events = (app: FrameLocator) => app.getByRole('list', { name: 'Events' }).getByRole('listitem').allTextContents()

/**
 * Points at a button (the component prefetches on intent), clicks it once the signed URL is there (so that
 * the tab opens straight on it), and returns the tab it opened.
 */
async function clickForTab(app: FrameLocator, name: string): Promise<Page> {
  const button = app.getByRole('button', { name })
  await button.hover()
  await expect.poll(() => button.getAttribute('data-state')).toBe('ready')
  const opened = context.waitForEvent('page')
  await button.click()
  const tab = await opened
  await tab.waitForURL((url) => url.href.startsWith(`${simulatorUrl}/pages/junction/portal?token=`))
  await tab.getByRole('heading', { level: 1, name: 'Junction User Portal' }).waitFor()
  return tab
}

async function resetSimulator() {
  const response = await fetch(`${simulatorUrl}/control/reset`, { method: 'POST' })
  expect(response.status).toBe(200)
}

describe('examples/ehr-frame: the app framed by a fake EHR on another site, in Chromium (popup blocker on)', () => {
  it('type-checks (client and JSDoc-typed Hono server) against the package’s published declarations', () => {
    expect(typeErrors).toBe('')
  })

  it('finds the package’s docs installed: every relative link of its README and docs resolves there', async () => {
    const installed = join(example, 'node_modules/embedded-portals')
    const files = (await readdir(installed, { recursive: true })).map((file) => file.replaceAll('\\', '/'))
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/ehr-frame.md', 'docs/images/demo.png']))
    const texts = new Map<string, string>()
    for (const file of files.filter((path) => path.endsWith('.md') && !path.startsWith('dist/'))) {
      texts.set(file, await readFile(join(installed, file), 'utf8'))
    }
    expect(brokenLinks(files, (path) => texts.get(path) ?? '')).toEqual([])
  })

  it('lets only the EHR frame the app (CSP frame-ancestors)', async () => {
    const response = await fetch(`${appUrl.replace('localhost', '127.0.0.1')}/launch`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toContain(`frame-ancestors ${ehrUrl}`)
  })

  it('no sandbox: the portal opens in a new tab, and onLaunch says so', async () => {
    const app = await openEhr({ sandbox: null })
    const tab = await clickForTab(app, 'Open patient portal')
    await tab.close()
    await expect.poll(() => events(app)).toEqual(['onLaunch: open via direct'])
  }, 60_000)

  it('the EHR’s sandbox with popups, token session: the tab opens, the link is copied, the nested dashboard orders', async () => {
    const app = await openEhr()
    const signedUrlCall = page.waitForRequest((request) => request.url() === `${appUrl}/api/portals/signed-url`)
    const tab = await clickForTab(app, 'Open patient portal')
    // The session is the bearer token the app holds in memory, sent through <EmbedProvider headers>.
    const headers = await (await signedUrlCall).allHeaders()
    expect(headers.authorization).toMatch(/^Bearer [\w-]{40,}$/)
    expect(headers.cookie).toBeUndefined()
    // allow-popups-to-escape-sandbox: the portal's tab is not sandboxed (its scripts run; it may open others).
    await expect(tab.evaluate(() => window.opener === null && typeof window.open === 'function')).resolves.toBe(true)
    await tab.close()

    const copy = app.getByRole('button', { name: 'Copy a link to send' })
    await copy.hover()
    await copy.click()
    await expect.poll(() => events(app)).toEqual(['onLaunch: open via direct', 'onLaunch: copy via clipboard'])
    const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()))
    expect(`${copied.origin}${copied.pathname}`).toBe(`${simulatorUrl}/pages/junction/portal`)

    const dashboard = app.frameLocator('iframe[title="Junction Dashboard: Order creation"]')
    await dashboard.getByRole('button', { name: 'Create order' }).click({ timeout: 20_000 })
    await app.getByText(/^Order created: [0-9a-f-]{36}$/).waitFor()
  }, 60_000)

  it('the EHR’s sandbox: the demographics gate saves (allow-forms), then the portal opens', async () => {
    await resetSimulator()
    const app = await openEhr({ patient: 'grace' })
    await app.getByRole('button', { name: 'Save and continue' }).waitFor()
    await fillDemographicsForm(app)
    await app.getByRole('button', { name: 'Save and continue' }).click()
    await app.getByText('Details saved for Grace Hopper.').waitFor()
    const tab = await clickForTab(app, 'Open patient portal')
    await tab.close()
  }, 60_000)

  it('without allow="clipboard-write": the link is offered in a field to copy by hand, and no onLaunch', async () => {
    const app = await openEhr({ clipboard: false })
    const copy = app.getByRole('button', { name: 'Copy a link to send' })
    await copy.hover()
    await copy.click()
    const field = app.getByRole('textbox', { name: /Copy this link/ })
    await field.waitFor()
    expect((await field.inputValue()).startsWith(`${simulatorUrl}/pages/junction/portal?token=`)).toBe(true)
    expect(await events(app)).toEqual([])
    // For the developer (a development build), framed: the refused clipboard names the iframe's attribute.
    expect(warnings.some((text) => text.includes('clipboard-write'))).toBe(true)
  }, 60_000)

  it('without allow-popups: no tab opens, the fallback link ends in a field to copy, and no onLaunch', async () => {
    const app = await openEhr({ sandbox: without('allow-popups'), clipboard: false })
    const tabs: Page[] = []
    const onTab = (tab: Page) => tabs.push(tab)
    context.on('page', onTab)
    const button = app.getByRole('button', { name: 'Open patient portal' })
    await button.hover()
    await button.click()
    await app.getByRole('link', { name: 'Open portal' }).click()
    const field = app.getByRole('textbox', { name: /Your browser cannot open the portal from this page/ })
    await field.waitFor()
    context.off('page', onTab)
    expect((await field.inputValue()).startsWith(`${simulatorUrl}/pages/junction/portal?token=`)).toBe(true)
    expect(tabs).toEqual([])
    expect(await events(app)).toEqual(['onError: popup_blocked'])
    expect(warnings.some((text) => text.includes('allow-popups allow-popups-to-escape-sandbox'))).toBe(true)
  }, 60_000)

  it('without allow-forms: the demographics gate still saves from its button', async () => {
    await resetSimulator()
    const app = await openEhr({ patient: 'grace', sandbox: without('allow-forms') })
    await app.getByRole('button', { name: 'Save and continue' }).waitFor()
    await fillDemographicsForm(app)
    await app.getByRole('button', { name: 'Save and continue' }).click()
    await app.getByText('Details saved for Grace Hopper.').waitFor()
    await app.getByRole('button', { name: 'Open patient portal' }).waitFor()
  }, 60_000)

  it('Partitioned cookie session: every call is signed in, and the portal opens', async () => {
    const app = await openEhr({ session: 'partitioned' })
    const signedUrlCall = page.waitForRequest((request) => request.url() === `${appUrl}/api/portals/signed-url`)
    const tab = await clickForTab(app, 'Open patient portal')
    const headers = await (await signedUrlCall).allHeaders()
    expect(headers.cookie).toMatch(/^northwind_session=/)
    expect(headers.authorization).toBeUndefined()
    await tab.close()
  }, 60_000)

  it('default (Lax) cookie session: the frame’s cookie is third-party, and the user sees they are signed out', async () => {
    const app = await openEhr({ session: 'lax' })
    // The gate (which reads the patient's details first) and the dashboard both say so.
    const signedOut = app.getByRole('alert').filter({ hasText: 'You are signed out. Sign in again, then retry.' })
    await expect.poll(() => signedOut.count()).toBe(2)
    expect(await events(app)).toEqual(['onError: unauthorized'])
    // For the developer (a development build), framed: the 401 names third-party cookies and both fixes.
    expect(warnings.some((text) => text.includes('Partitioned') && text.includes('headers'))).toBe(true)
  }, 60_000)
})
