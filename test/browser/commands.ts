import type { BrowserCommand } from 'vitest/node'
import { dashboardCommands } from './dashboard-commands.js'

/** What the tests may know of a tab the page opened. */
export interface OpenedTab {
  url: string
  /** Whether the tab's `window.opener` still points back (it must not). */
  hasOpener: boolean | null
}

/** The tabs opened besides the test runner's own, waiting for each to finish navigating. */
const openedTabs: BrowserCommand<[]> = async ({ context, page }) => {
  const tabs = context.pages().filter((other) => other !== page)
  return Promise.all(
    tabs.map(async (tab): Promise<OpenedTab> => {
      await tab.waitForLoadState('load').catch(() => undefined)
      const hasOpener = await tab.evaluate(() => window.opener !== null).catch(() => null)
      return { url: tab.url(), hasOpener }
    }),
  )
}

/** Closes every tab but the test runner's. */
const closeOpenedTabs: BrowserCommand<[]> = async ({ context, page }) => {
  for (const tab of context.pages()) if (tab !== page) await tab.close()
}

/** Where signed URLs in browser tests point: another origin than the runner's, answered by Playwright. */
export const LANDING_ORIGIN = 'http://127.0.0.1:45999'
const routed = new WeakSet<object>()

/** A page on `LANDING_ORIGIN` that posts a well-formed Junction order message to its parent at load. */
export const FOREIGN_POSTER_PATH = '/post-junction-message'
/** A second fake origin whose every page sends itself on to the foreign poster on `LANDING_ORIGIN`. */
export const REDIRECTING_ORIGIN = 'http://127.0.0.1:45998'
/** A page on `LANDING_ORIGIN` that never answers, so a frame of it never loads. */
export const HANGING_PATH = '/hang'

const posterPage = `<!doctype html><html lang="en"><title>Foreign page</title><script>
window.parent.postMessage({ type: 'urn:junction:order:created', data: {
  order_id: '11111111-1111-4111-8111-111111111111',
  user_id: '22222222-2222-4222-8222-222222222222',
  team_id: '33333333-3333-4333-8333-333333333333' } }, '*');
</script></html>`

/**
 * Answers every request to `LANDING_ORIGIN` with a small page, as a vendor portal would; except
 * `FOREIGN_POSTER_PATH` (posts a Junction message from the wrong origin) and `HANGING_PATH` (never answers).
 */
const serveLanding: BrowserCommand<[]> = async ({ context }) => {
  if (routed.has(context)) return
  routed.add(context)
  await context.route(`${LANDING_ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === HANGING_PATH) return
    return route.fulfill({
      status: 200,
      contentType: 'text/html',
      body:
        path === FOREIGN_POSTER_PATH
          ? posterPage
          : '<!doctype html><html lang="en"><title>Portal</title><h1>Portal</h1></html>',
    })
  })
  await context.route(`${REDIRECTING_ORIGIN}/**`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><title>Leaving</title><script>location.replace(${JSON.stringify(`${LANDING_ORIGIN}${FOREIGN_POSTER_PATH}`)})</script></html>`,
    }),
  )
}

export const browserCommands = { openedTabs, closeOpenedTabs, serveLanding, ...dashboardCommands }

declare module 'vitest/browser' {
  interface BrowserCommands {
    openedTabs: () => Promise<OpenedTab[]>
    closeOpenedTabs: () => Promise<void>
    serveLanding: () => Promise<void>
  }
}
