import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs script without declarations
import { buildLocalPackage, installLocalPackage } from '../../examples/install-local-package.mjs'
import { chromiumLaunchOptions } from '../support/chromium.js'
import { fillDemographicsForm } from '../support/demographics-form.js'
import { freePort } from '../support/free-port.js'

// examples/next-app-router as a user runs it: the package as built (files and exports map only) in its
// node_modules, `next build` (server rendering in a real framework: the page, a Server Component using
// every component, is prerendered as static content), then `next start` against the vendor simulator,
// driven in Chromium with its popup blocker on.

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
const example = join(root, 'examples/next-app-router')
const nextBin = join(root, 'node_modules/next/dist/bin/next')

interface RunningSimulator {
  url: string
  close(): Promise<void>
}

let cleanupBuild: (() => Promise<void>) | undefined
let sim: RunningSimulator | undefined
let server: ChildProcess | undefined
let buildOutput = ''
let html = ''
let appUrl: string
let browser: Browser
let context: BrowserContext
let page: Page

/** Starts `next start` and waits until it answers. */
async function startNext(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  // At a low CPU priority too (`nice` execs node: the child is the server), beside the timed browser tests.
  const next = [process.execPath, nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1']
  const child = spawn('nice', ['-n', '10', ...next], {
    cwd: example,
    // APP_ORIGIN: the origin the browser uses, which the route handler's request.url does not give.
    env: { ...process.env, ...env, APP_ORIGIN: url, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    try {
      if ((await fetch(url)).ok) return { child, url }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  child.kill()
  throw new Error(`next start did not answer on ${url}:\n${output}`)
}

beforeAll(async () => {
  const built = (await buildLocalPackage()) as { dir: string; cleanup: () => Promise<void> }
  cleanupBuild = built.cleanup
  await installLocalPackage('next-app-router', built.dir)
  await rm(join(example, '.next'), { recursive: true, force: true })
  // The example's own simulator (its seed), from the package just installed. Its origin is built into the page.
  const simulator = (await import(join(example, 'scripts/simulator.mjs'))) as {
    startExampleSimulator(options?: { port?: number }): Promise<RunningSimulator>
    simulatorEnv(sim: RunningSimulator): Record<string, string>
  }
  sim = await simulator.startExampleSimulator()
  const env = simulator.simulatorEnv(sim)
  // `next build` at the lowest CPU priority: the build runs beside the browser tests, whose waits are timed.
  const result = await run('nice', ['-n', '19', process.execPath, nextBin, 'build'], {
    cwd: example,
    env: { ...process.env, ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', CI: '1' },
    timeout: 240_000,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(`next build failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`)
  })
  buildOutput = `${result.stdout}\n${result.stderr}`
  html = await readFile(join(example, '.next/server/app/index.html'), 'utf8')
  const started = await startNext(env)
  server = started.child
  appUrl = started.url
  browser = await chromium.launch({ ...chromiumLaunchOptions(), ignoreDefaultArgs: ['--disable-popup-blocking'] })
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl })
  page = await context.newPage()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve))
    server.kill('SIGTERM')
    await exited
  }
  await sim?.close()
  await cleanupBuild?.()
  await rm(join(example, 'node_modules/embedded-portals'), { recursive: true, force: true })
  await rm(join(example, '.next'), { recursive: true, force: true })
})

describe('next build of the App Router example, with the package as published', () => {
  it('builds and type-checks, and prerenders the page as static content, the route handler dynamic', () => {
    expect(buildOutput).toContain('Compiled successfully')
    expect(buildOutput).toContain('Finished TypeScript')
    expect(buildOutput).toMatch(/○ \/\s/)
    expect(buildOutput).toMatch(/ƒ \/api\/portals\/\[\.\.\.path\]/)
    expect(buildOutput).not.toMatch(/window is not defined|document is not defined|createContext/)
  })

  it('prerenders each component in its first state, with no signed URL or frame in the markup', () => {
    // Ada's two launch buttons and the team panels' link_out button are idle; Grace's gate and the frame load.
    expect(html.match(/data-state="idle"/g)).toHaveLength(3)
    expect(html.match(/data-state="loading"/g)).toHaveLength(2)
    const text = html.replaceAll('<!-- -->', '') // React's separators between adjacent text nodes
    expect(text).toContain('>Open Ada Lovelace’s portal</button>')
    expect(text).toContain('>Copy a portal link for Ada Lovelace</button>')
    expect(text).toContain('>Open team panels</button>')
    expect(text).toContain('Checking the patient’s details…')
    expect(text).toContain('Loading the dashboard…')
    expect(html).not.toContain('<iframe')
    expect(html).not.toContain('token=')
    expect(html).not.toContain('/pages/junction/')
  })
})

describe('embedded-portals-conformance, as installed, against the route handler', () => {
  it('passes every rule for the targets the example serves, and prints one line each', async () => {
    const bin = join(example, 'node_modules/embedded-portals/bin/embedded-portals-conformance.mjs')
    const { stdout } = await run(process.execPath, [
      bin,
      '--endpoint',
      `${appUrl}/api/portals`,
      '--target',
      'junction.user_portal',
      '--target',
      'junction.dashboard',
    ])
    const lines = stdout.trim().split('\n')
    expect(lines.filter((line) => line.startsWith('FAIL'))).toEqual([])
    // Not run: the 408 rule waits (--slow), and the example serves no portal administration (no path ids).
    expect(lines.filter((line) => line.startsWith('SKIP')).map((line) => line.split(/\s+/)[1])).toEqual([
      'errors.slow-body',
      'errors.path-id',
    ])
    expect(lines.at(-1)).toBe(`24 passed, 0 failed, 2 skipped: ${appUrl}/api/portals`)
  }, 60_000)
})

describe('the App Router example in Chromium (next start, popup blocker on)', () => {
  it('serves the portals endpoint from the route handler, which still refuses another site’s writes', async () => {
    const post = (origin: string) =>
      fetch(`${appUrl}/api/portals/signed-url`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch', subject: 'ada' } }),
      })
    const signed = await post(appUrl)
    expect(signed.status).toBe(200)
    expect(new URL(((await signed.json()) as { url: string }).url).origin).toBe(sim?.url)
    expect((await post('https://evil.example')).status).toBe(403)
  })

  async function openPage() {
    await page.goto(appUrl)
    await page.getByRole('heading', { level: 1, name: 'My patients' }).waitFor()
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
    await tab.waitForURL((url) => url.href.startsWith(`${sim?.url}/pages/${pagePath}?token=`))
    await tab.waitForLoadState('load')
    return tab
  }

  it('opens the patient portal in a new tab, on the simulator’s page, without an opener', async () => {
    await openPage()
    const tab = await clickForTab('Open Ada Lovelace’s portal', 'junction/portal')
    expect(tab.url().startsWith(`${sim?.url}/pages/junction/portal?token=`)).toBe(true)
    await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Junction User Portal')
    await expect(tab.evaluate(() => window.opener === null)).resolves.toBe(true)
    await tab.close()
  }, 60_000)

  it('copies a link to send (communications) on the simulator’s pages', async () => {
    await openPage()
    const button = page.getByRole('button', { name: 'Copy a portal link for Ada Lovelace' })
    await button.hover()
    await button.click()
    await page.getByText('Portal link copied').waitFor()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    const url = new URL(copied)
    expect(url.origin).toBe(sim?.url)
    expect(url.pathname).toBe('/pages/junction/portal')
    const mail = await context.newPage()
    expect((await mail.goto(copied))?.status()).toBe(200)
    await mail.getByText('You opened a link sent to you by email or text message.').waitFor()
    await mail.close()
  }, 60_000)

  it('asks for the details of the patient without demographics, saves them, then opens the portal', async () => {
    await openPage()
    await page.getByRole('button', { name: 'Save and continue' }).waitFor()
    await fillDemographicsForm(page)
    await page.getByRole('button', { name: 'Save and continue' }).click()
    await page.getByText('Details saved for Grace Hopper.').waitFor()
    const tab = await clickForTab('Open Grace Hopper’s portal', 'junction/portal')
    expect(tab.url().startsWith(`${sim?.url}/pages/junction/portal?token=`)).toBe(true)
    await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Junction User Portal')
    await tab.close()
  }, 60_000)

  it('frames the order creation from the simulator, and its "Create order" reaches onOrderCreated', async () => {
    await openPage()
    await page.locator('[data-embedded-portals="dashboard"][data-state="ready"]').waitFor({ timeout: 20_000 })
    const frame = page.frameLocator('iframe[title="Junction Dashboard: Order creation"]')
    await frame.getByRole('heading', { level: 1 }).getByText('order_creation').waitFor()
    await frame.getByRole('button', { name: 'Create order' }).click()
    await page
      .getByRole('list', { name: 'Orders placed' })
      .getByText(/^Order created: [0-9a-f-]{36}$/)
      .waitFor()
  }, 60_000)

  it('opens the team panels (link_out) in a new tab', async () => {
    await openPage()
    const tab = await clickForTab('Open team panels', 'junction/dashboard')
    expect(tab.url().startsWith(`${sim?.url}/pages/junction/dashboard?token=`)).toBe(true)
    await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/team_panels/)
    await tab.close()
  }, 60_000)
})
