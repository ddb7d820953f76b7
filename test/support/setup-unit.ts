import '@testing-library/jest-dom/vitest'
import { notifyManager } from '@tanstack/react-query'
import { cleanup } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import { server } from './msw-server'

// react-query batches notifications on a zero-delay timer, which fake timers push 1 ms later when it is
// set during a tick; a microtask keeps every time-based assertion exact.
notifyManager.setScheduler(queueMicrotask)

beforeAll(() =>
  server.listen({
    // Real HTTP servers that tests start on 127.0.0.1 are reached for real; anything else unmocked is a bug.
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error()
    },
  }),
)
afterEach(() => {
  cleanup()
  vi.useRealTimers()
  server.resetHandlers()
})
afterAll(() => server.close())
