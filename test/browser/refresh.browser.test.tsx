import { QueryClient } from '@tanstack/react-query'
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EmbedProvider } from '../../src/provider/EmbedProvider'
import { useSignedUrl } from '../../src/signedUrl/useSignedUrl'
import { endpointHandlers } from '../../src/testing/endpointHandlers'
import { worker } from '../support/msw-worker'

// A 20 s URL refreshed 15 s early: stale, and due for refresh, 5 s after it arrives.
const EXPIRES_IN = 20
const MARGIN_MS = 15_000
const STALE_AFTER_MS = 5_000

function setup() {
  const endpoint = endpointHandlers({ expiresIn: EXPIRES_IN })
  worker.use(...endpoint.handlers)
  const queryClient = new QueryClient()
  const wrapper = ({ children }: { children: ReactNode }) => (
    <EmbedProvider
      endpoint="/api/portals"
      queryClient={queryClient}
      refreshMarginMs={MARGIN_MS}
      allowedOrigins={['https://portal.example.test']}
    >
      {children}
    </EmbedProvider>
  )
  const hook = renderHook(() => useSignedUrl({ kind: 'junction.user_portal', context: 'launch' }), { wrapper })
  return { endpoint, ...hook }
}

/** Chromium keeps a headless page visible; these tests set what a tab switch would, then fire its real event. */
function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' })
  act(() => {
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
  })
}

const sleep = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)))

afterEach(() => {
  setVisibility('visible')
})

describe('useSignedUrl in Chromium: visibility and focus', () => {
  it('makes no refresh request from a hidden tab, and refetches as soon as it is visible again', async () => {
    const { endpoint, result } = setup()
    await vi.waitFor(() => expect(result.current.status).toBe('ready'))
    setVisibility('hidden')
    await sleep(STALE_AFTER_MS + 500)
    expect(endpoint.requests).toHaveLength(1)
    setVisibility('visible')
    await vi.waitFor(() => expect(endpoint.requests).toHaveLength(2))
    await vi.waitFor(() => expect(result.current.url).toBe(endpoint.issuedUrls[1]))
  })

  it('refetches a stale URL when the window regains focus', async () => {
    const { endpoint, result } = setup()
    await vi.waitFor(() => expect(result.current.status).toBe('ready'))
    setVisibility('hidden')
    await sleep(STALE_AFTER_MS + 500)
    // Back from another window: the page itself was not hidden, so no visibilitychange comes.
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' })
    act(() => {
      window.dispatchEvent(new FocusEvent('focus'))
    })
    await vi.waitFor(() => expect(endpoint.requests).toHaveLength(2))
  })
})
