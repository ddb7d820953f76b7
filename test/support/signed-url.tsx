import { QueryClient } from '@tanstack/react-query'
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { vi } from 'vitest'
import type { Target } from '../../src/core/target'
import type { EmbedProviderProps } from '../../src/provider/EmbedProvider'
import { EmbedProvider } from '../../src/provider/EmbedProvider'
import { type UseSignedUrlOptions, useSignedUrl } from '../../src/signedUrl/useSignedUrl'
import { type EndpointHandlersOptions, endpointHandlers } from '../../src/testing/endpointHandlers'
import { server } from './msw-server'

export const portalTarget: Target = { kind: 'junction.user_portal', context: 'launch' }

export interface SetupOptions extends EndpointHandlersOptions {
  provider?: Partial<Omit<EmbedProviderProps, 'children'>>
}

/** A fresh client and endpoint per test: nothing leaks between tests. */
export function setupEndpoint(options: SetupOptions = {}) {
  const { provider, ...handlerOptions } = options
  const endpoint = endpointHandlers(handlerOptions)
  server.use(...endpoint.handlers)
  const queryClient = new QueryClient()
  // The handlers' pages are on a test origin, not a vendor's: the provider is told, as a host's tests would.
  const allowedOrigins = [new URL(handlerOptions.urlBase ?? 'https://portal.example.test').origin]
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <EmbedProvider endpoint="/api/portals" queryClient={queryClient} allowedOrigins={allowedOrigins} {...provider}>
        {children}
      </EmbedProvider>
    )
  }
  return { endpoint, queryClient, wrapper: Wrapper }
}

/** Renders `useSignedUrl(target)` under a fresh provider. */
export function renderSignedUrl(options: SetupOptions & { target?: Target; hook?: UseSignedUrlOptions } = {}) {
  const { target = portalTarget, hook, ...rest } = options
  const setup = setupEndpoint(rest)
  const rendered = renderHook(() => useSignedUrl(target, hook), { wrapper: setup.wrapper })
  return { ...setup, ...rendered }
}

/** Fake timers for everything time-based (timeouts, intervals, Date); promises still run. */
export function useFakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
}

/** Moves the fake clock and lets every promise and React update it causes settle. */
export async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms)
  })
}

/** Lets pending requests and renders settle without moving the clock further than needed. */
export async function settle() {
  for (let i = 0; i < 10; i++) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0)
      await new Promise((resolve) => setImmediate(resolve))
    })
  }
}

/** Makes the page hidden or visible, as switching tabs does, and tells listeners. */
export function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' })
  act(() => {
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
  })
}
