import type { BrowserCommand } from 'vitest/node'

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

/** Answers every request to `LANDING_ORIGIN` with a small page, as a vendor portal would. */
const serveLanding: BrowserCommand<[]> = async ({ context }) => {
  if (routed.has(context)) return
  routed.add(context)
  await context.route(`${LANDING_ORIGIN}/**`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><title>Portal</title><h1>Portal</h1></html>',
    }),
  )
}

export const browserCommands = { openedTabs, closeOpenedTabs, serveLanding }

declare module 'vitest/browser' {
  interface BrowserCommands {
    openedTabs: () => Promise<OpenedTab[]>
    closeOpenedTabs: () => Promise<void>
    serveLanding: () => Promise<void>
  }
}
