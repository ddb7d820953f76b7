import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumLaunchOptions } from '../support/chromium.js'
import { fillDemographicsForm } from '../support/demographics-form.js'

// The demo host application (`npm run dev`) in Chromium with its popup blocker on: the dev server, its
// `createEmbedHandler` and the vendor simulator behind it, driven as a user would. Each step leaves a
// screenshot in test-results/e2e/.

/** Simulated `launch` URLs live this long here, so that the test can wait for one to expire. */
const LAUNCH_LIFETIME_S = 12
const SHOTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url))

let server: ViteDevServer
let browser: Browser
let context: BrowserContext
let page: Page
let demoUrl: string

beforeAll(async () => {
  process.env.DEMO_LAUNCH_EXPIRES_IN = String(LAUNCH_LIFETIME_S)
  server = await createServer({
    configFile: fileURLToPath(new URL('../../demo/vite.config.ts', import.meta.url)),
    server: { port: 0, host: '127.0.0.1' },
    logLevel: 'silent',
  })
  await server.listen()
  demoUrl = server.resolvedUrls?.local[0] ?? ''
  browser = await chromium.launch(chromiumLaunchOptions())
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  page = await context.newPage()
  await mkdir(SHOTS, { recursive: true })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  delete process.env.DEMO_LAUNCH_EXPIRES_IN
})

const shot = (target: Page, name: string) => target.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true })

async function openDemo() {
  await page.goto(demoUrl)
  await page.getByRole('heading', { level: 1 }).waitFor()
}

/** Clicks `button` (after pointing at it, as a user does) and returns the tab it opened, loaded. */
async function clickForTab(name: string | RegExp): Promise<Page> {
  const button = page.getByRole('button', { name })
  await button.hover()
  const opened = context.waitForEvent('page')
  await button.click()
  const tab = await opened
  await tab.waitForLoadState('load')
  return tab
}

describe('the demo in Chromium (popup blocker on)', () => {
  it('opens the patient portal in a new tab, on the simulator’s page, with a valid token and no opener', async () => {
    await openDemo()
    await shot(page, '01-patient-page')
    const tab = await clickForTab('Open patient portal')
    expect(tab.url()).toMatch(/\/pages\/junction\/portal\?token=/)
    await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Junction User Portal')
    await expect(tab.evaluate(() => window.opener === null)).resolves.toBe(true)
    await shot(tab, '02-portal-tab')
    await tab.close()
  }, 60_000)

  it('refuses a link after its lifetime, and the button then opens a fresh one', async () => {
    await openDemo()
    // The URL the button prefetches on intent, read from the network: valid, unused, then left to expire.
    const prefetched = page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/portals/signed-url') &&
        (response.request().postDataJSON() as { target: { kind: string } }).target.kind === 'junction.user_portal',
    )
    await page.getByRole('button', { name: 'Open patient portal' }).hover()
    const { url } = (await (await prefetched).json()) as { url: string }
    await page.waitForTimeout((LAUNCH_LIFETIME_S + 1) * 1000)
    const stale = await context.newPage()
    const refused = await stale.goto(url)
    expect(refused?.status()).toBe(410)
    await expect(stale.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('This link has expired')
    await shot(stale, '03-expired-link')
    await stale.close()
    const tab = await clickForTab('Open patient portal')
    expect(tab.url()).not.toBe(url)
    await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Junction User Portal')
    await tab.close()
  }, 60_000)

  it('asks for the details of a patient without demographics, then opens the portal', async () => {
    await openDemo()
    await page.getByLabel('Patient', { exact: true }).selectOption('patient-grace')
    await page.getByRole('button', { name: 'Save and continue' }).waitFor()
    await shot(page, '04-demographics-form')
    await fillDemographicsForm(page)
    await page.getByLabel(/^Country/).press('Enter')
    const button = page.getByRole('button', { name: 'Open patient portal' })
    await button.waitFor()
    await expect(button.evaluate((element) => element === document.activeElement)).resolves.toBe(true)
    await shot(page, '05-details-saved')
    const tab = await clickForTab('Open patient portal')
    await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Junction User Portal')
    await tab.close()
  }, 60_000)

  it('loads the order-creation embed, and its "Create order" reaches the activity log', async () => {
    await openDemo()
    const embed = page.locator('[data-embedded-portals="dashboard"]')
    await embed.scrollIntoViewIfNeeded()
    await page.locator('[data-embedded-portals="dashboard"][data-state="ready"]').waitFor({ timeout: 15_000 })
    const frame = page.frameLocator('iframe[title="Junction Dashboard: Order creation"]')
    await frame.getByRole('button', { name: 'Create order' }).click()
    await page
      .getByTestId('activity-log')
      .getByText(/Order created: [0-9a-f-]{36}/)
      .waitFor()
    await shot(page, '06-order-created')
  }, 60_000)

  it('opens the team panels (link_out) in a new tab', async () => {
    await openDemo()
    const tab = await clickForTab('Open team panels')
    expect(tab.url()).toMatch(/\/pages\/junction\/dashboard\?token=/)
    await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/team_panels/)
    await shot(tab, '07-team-panels-tab')
    await tab.close()
  }, 60_000)

  it('goes to the UserHub billing portal in the same tab, and comes back', async () => {
    await openDemo()
    await Promise.all([
      page.waitForURL(/\/pages\/userhub\/signin/),
      page.getByRole('button', { name: 'Billing' }).click(),
    ])
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Billing portal')
    await shot(page, '08-billing-portal')
    await Promise.all([page.waitForURL(/returned=billing/), page.getByRole('link', { name: 'Return to app' }).click()])
    await page.getByText('Welcome back from billing.').waitFor()
    await shot(page, '09-back-from-billing')
  }, 60_000)

  it('manages the portal’s users in the Admin tab: invite (new and linked), then remove after a confirmation', async () => {
    await openDemo()
    await page.getByRole('link', { name: 'Admin' }).click()
    await page.getByRole('heading', { name: 'Portal administration' }).waitFor()
    expect(page.url()).toMatch(/\?view=admin$/)
    const table = page.getByRole('table', { name: 'Portal users' })
    await table.waitFor()
    expect(await table.getByRole('row').count()).toBe(5) // the header and the four seeded people
    await page
      .getByLabel('Invite people')
      .fill('Barbara Liskov <barbara@example.com>\nedsger@example.com\nnot-an-address')
    await page.getByRole('button', { name: 'Send invites' }).click()
    const summary = page.getByText('1 invited, 1 linked to an existing account, 1 failed')
    await summary.waitFor()
    await expect(page.getByText('edsger@example.com: Linked an existing account').count()).resolves.toBe(1)
    await table.getByRole('cell', { name: 'barbara@example.com', exact: true }).waitFor()
    await shot(page, '10-admin-invited')

    await page.getByRole('button', { name: 'Remove grace@example.com' }).click()
    await page.getByRole('button', { name: 'Yes, remove' }).click()
    await page.getByText('grace@example.com was removed from the portal.').waitFor()
    await expect(table.getByRole('cell', { name: 'grace@example.com', exact: true }).count()).resolves.toBe(0)
    // The simulator really removed her: a reload reads the list again.
    await page.reload()
    await table.getByRole('cell', { name: 'barbara@example.com', exact: true }).waitFor()
    await expect(table.getByRole('cell', { name: 'grace@example.com', exact: true }).count()).resolves.toBe(0)
    await shot(page, '11-admin-removed')
  }, 60_000)

  async function axeViolations() {
    const require = createRequire(import.meta.url)
    await page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') })
    return page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string }[] }> } }
      ).axe
      const results = await axe.run(document)
      return results.violations.map((violation) => violation.id)
    })
  }

  it('has no accessibility violations (axe), on the patient page and in the Admin tab', async () => {
    await openDemo()
    expect(await axeViolations()).toEqual([])
    await page.goto(`${demoUrl}?view=admin`)
    await page.getByRole('table', { name: 'Portal users' }).waitFor()
    await page
      .getByRole('button', { name: /^Remove / })
      .first()
      .click()
    expect(await axeViolations()).toEqual([])
  }, 60_000)
})
