import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs script without declarations
import { buildLocalPackage, installLocalPackage } from '../../examples/install-local-package.mjs'
import { chromiumLaunchOptions } from '../support/chromium.js'
import { fillDemographicsForm } from '../support/demographics-form.js'
import { type StartedNode, startNode, stopNode } from '../support/node-process.js'

// examples/vite-express as a user runs it: the package as built in its node_modules, `vite build`, then
// `npm start` (Express serving the built client and the API on one origin, against the vendor simulator
// it starts), driven in Chromium with its popup blocker on. Then `npm run dev` for its proxy.

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
const example = join(root, 'examples/vite-express')

let cleanupBuild: (() => Promise<void>) | undefined
let auditDir: string
let typeErrors = ''
let app: StartedNode | undefined
let appUrl: string
let simulatorUrl: string
let browser: Browser
let context: BrowserContext
let page: Page

beforeAll(async () => {
  const built = (await buildLocalPackage()) as { dir: string; cleanup: () => Promise<void> }
  cleanupBuild = built.cleanup
  await installLocalPackage('vite-express', built.dir)
  // `npm run build` and `npm run typecheck` (against the package's declarations), at the lowest CPU
  // priority: other tests' waits are timed.
  await rm(join(example, 'dist'), { recursive: true, force: true })
  const vite = [process.execPath, join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']
  const tsc = [process.execPath, join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']
  const [, checked] = await Promise.all([
    run('nice', ['-n', '19', ...vite], { cwd: example, env: { ...process.env, NODE_ENV: 'production' } }),
    run('nice', ['-n', '19', ...tsc], { cwd: example }).then(
      () => '',
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    ),
  ])
  typeErrors = checked
  // `npm start` on a free port.
  auditDir = await mkdtemp(join(tmpdir(), 'vite-express-audit-'))
  app = await startNode(
    'server/index.js',
    example,
    { PORT: '0', NODE_ENV: 'production', AUDIT_LOG: join(auditDir, 'audit.jsonl') },
    ['Vendor simulator', 'Audit trail', 'Northwind Clinic'],
  )
  appUrl = app.lines['Northwind Clinic'] ?? ''
  simulatorUrl = app.lines['Vendor simulator'] ?? ''
  browser = await chromium.launch({ ...chromiumLaunchOptions(), ignoreDefaultArgs: ['--disable-popup-blocking'] })
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl).origin })
  page = await context.newPage()
  // Signs in once: the session cookie stays in the context.
  await page.goto(appUrl)
  await page.getByRole('button', { name: 'Sign in as Dr Ruth Okafor' }).click()
  await page.getByRole('heading', { name: 'My patients' }).waitFor()
}, 90_000)

afterAll(async () => {
  await browser?.close()
  await stopNode(app)
  await cleanupBuild?.()
  await rm(join(example, 'node_modules/embedded-portals'), { recursive: true, force: true })
  await rm(join(example, 'dist'), { recursive: true, force: true })
  if (auditDir) await rm(auditDir, { recursive: true, force: true })
})

async function openPatient(name: string) {
  await page.goto(appUrl)
  await page.getByRole('link', { name }).click()
  await page.getByRole('heading', { level: 1, name }).waitFor()
}

/**
 * Points at the button, as a user does (the component prefetches on intent), clicks it, and returns the new
 * tab once it is on the simulator's `pagePath`: at once when the URL was ready at the click, else after the
 * placeholder tab was sent there.
 */
async function clickForTab(name: string, pagePath: string): Promise<Page> {
  const button = page.getByRole('button', { name })
  await button.hover()
  const opened = context.waitForEvent('page')
  await button.click()
  const tab = await opened
  await tab.waitForURL((url) => url.href.startsWith(`${simulatorUrl}/pages/${pagePath}?token=`))
  await tab.waitForLoadState('load')
  return tab
}

describe('examples/vite-express, built and served by Express (npm start), in Chromium', () => {
  it('type-checks (client and JSDoc-typed server) against the package’s published declarations', () => {
    expect(typeErrors).toBe('')
  })

  it('serves the client and the API on one origin, with the portals endpoint mounted under /api/portals', async () => {
    const response = await page.request.get(`${appUrl}patients/ada`)
    expect(response.status()).toBe(200)
    expect(response.headers()['content-security-policy']).toContain(`frame-src ${simulatorUrl}`)
    const session = (await (await page.request.get(`${appUrl}api/session`)).json()) as {
      portals: { allowedOrigins: string[] }
    }
    expect(session.portals.allowedOrigins).toEqual([simulatorUrl])
  })

  it('opens the patient portal in a new tab, on the simulator’s page, without an opener', async () => {
    await openPatient('Ada Lovelace')
    const tab = await clickForTab('Open patient portal', 'junction/portal')
    expect(tab.url().startsWith(`${simulatorUrl}/pages/junction/portal?token=`)).toBe(true)
    await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Junction User Portal')
    await expect(tab.evaluate(() => window.opener === null)).resolves.toBe(true)
    await tab.close()
  }, 60_000)

  it('copies a link to send (communications) that opens the portal from the simulator’s pages', async () => {
    await openPatient('Ada Lovelace')
    const button = page.getByRole('button', { name: 'Copy a link to send' })
    await button.hover()
    await button.click()
    await page.getByText('Portal link copied').waitFor()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    const url = new URL(copied)
    expect(url.origin).toBe(simulatorUrl)
    expect(url.pathname).toBe('/pages/junction/portal')
    const mail = await context.newPage()
    expect((await mail.goto(copied))?.status()).toBe(200)
    await mail.getByText('You opened a link sent to you by email or text message.').waitFor()
    await mail.close()
  }, 60_000)

  it('asks for the details of a patient without demographics, saves them, then opens the portal', async () => {
    await openPatient('Grace Hopper')
    await page.getByRole('button', { name: 'Save and continue' }).waitFor()
    await fillDemographicsForm(page)
    await page.getByRole('button', { name: 'Save and continue' }).click()
    await page.getByText('Details saved for Grace Hopper.').waitFor()
    const tab = await clickForTab('Open patient portal', 'junction/portal')
    expect(tab.url().startsWith(`${simulatorUrl}/pages/junction/portal?token=`)).toBe(true)
    await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Junction User Portal')
    await tab.close()
  }, 60_000)

  it('frames the order creation from the simulator, and its "Create order" reaches onOrderCreated', async () => {
    await openPatient('Ada Lovelace')
    await page.locator('[data-embedded-portals="dashboard"][data-state="ready"]').waitFor({ timeout: 20_000 })
    const iframe = page.locator('iframe[title="Junction Dashboard: Order creation"]')
    expect((await iframe.getAttribute('src'))?.startsWith(`${simulatorUrl}/pages/junction/dashboard?token=`)).toBe(true)
    const frame = page.frameLocator('iframe[title="Junction Dashboard: Order creation"]')
    await frame.getByRole('button', { name: 'Create order' }).click()
    await page
      .getByRole('list', { name: 'Orders placed' })
      .getByText(/^Order created: [0-9a-f-]{36}$/)
      .waitFor()
  }, 60_000)

  it('goes to the UserHub billing portal in the same tab, and comes back to the app', async () => {
    await openPatient('Ada Lovelace')
    await Promise.all([
      page.waitForURL(/\/pages\/userhub\/signin/),
      page.getByRole('button', { name: 'Billing' }).click(),
    ])
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Billing portal')
    await Promise.all([page.waitForURL(/returned=billing/), page.getByRole('link', { name: 'Return to app' }).click()])
    await page.getByText('Welcome back from billing.').waitFor()
  }, 60_000)

  it('writes one audit event per request to its audit trail, without a signed URL or a demographic value', async () => {
    expect(app?.lines['Audit trail']).toBe(join(auditDir, 'audit.jsonl'))
    const text = await readFile(join(auditDir, 'audit.jsonl'), 'utf8')
    const events = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { route: string; action: { type: string } | null; decision: string | null })
    const signed = events.filter((event) => event.route === '/signed-url' && event.decision === 'allowed')
    expect(signed.length).toBeGreaterThan(0)
    expect(events.some((event) => event.action?.type === 'demographics.write')).toBe(true)
    expect(text).not.toContain('token=')
    for (const value of ['Hopper', 'grace@example.com', '1906-12-09', '1 Navy Yard']) expect(text).not.toContain(value)
  })
})

describe('examples/vite-express in development (npm run dev): Vite’s dev server proxies /api to Express', () => {
  let dev: StartedNode | undefined
  beforeAll(async () => {
    const env = { PORT: '0', API_PORT: '0', NODE_ENV: 'development', AUDIT_LOG: join(auditDir, 'dev-audit.jsonl') }
    dev = await startNode('server/dev.js', example, env, ['Vendor simulator', 'Northwind Clinic (dev)'])
  }, 60_000)
  afterAll(() => stopNode(dev))

  it('keeps the browser’s Host, so that a write through the proxy is same-origin for the portals handler', async () => {
    const origin = new URL(dev?.lines['Northwind Clinic (dev)'] ?? '').origin
    const login = await fetch(`${origin}/api/login`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ clinicianId: 'ruth' }),
    })
    expect(login.status).toBe(204)
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? ''
    const signed = await fetch(`${origin}/api/portals/signed-url`, {
      method: 'POST',
      headers: { origin, cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch', subject: 'ada' } }),
    })
    expect(signed.status).toBe(200)
    const { url } = (await signed.json()) as { url: string }
    expect(new URL(url).origin).toBe(dev?.lines['Vendor simulator'])
    // Another site is still refused; the refusal names the origin the handler saw as its own: the dev
    // server's (with `changeOrigin: true` it would be the API's).
    const forged = await fetch(`${origin}/api/portals/signed-url`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch', subject: 'ada' } }),
    })
    expect(forged.status).toBe(403)
    expect(((await forged.json()) as { message: string }).message).toContain(`this server's origin (${origin})`)
    // The page itself comes from Vite (its client script is in it).
    expect(await (await fetch(`${origin}/patients/ada`)).text()).toContain('/@vite/client')
  })
})
