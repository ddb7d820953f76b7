import type { BrowserCommand } from 'vitest/node'

/** Takes the browser context on or off the network, as a real connection loss would. */
const setOffline: BrowserCommand<[offline: boolean]> = async ({ context }, offline) => {
  await context.setOffline(offline)
}

export const browserCommands = { setOffline }

declare module 'vitest/browser' {
  interface BrowserCommands {
    setOffline: (offline: boolean) => Promise<void>
  }
}
