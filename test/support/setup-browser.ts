import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { worker } from './msw-worker'

beforeAll(async () => {
  await worker.start({
    quiet: true,
    serviceWorker: { url: '/mockServiceWorker.js' },
    // The test runner's own modules pass through; any API call without a handler is a test bug.
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).pathname.startsWith('/api/')) print.error()
    },
  })
})
afterEach(() => {
  cleanup()
  worker.resetHandlers()
})
afterAll(() => {
  worker.stop()
})
