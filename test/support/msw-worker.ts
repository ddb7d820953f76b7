import { setupWorker } from 'msw/browser'

/** The one MSW service worker of the Chromium suite; tests add handlers with `worker.use(...)`. */
export const worker = setupWorker()
