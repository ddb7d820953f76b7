import { act } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { advance, renderSignedUrl, settle, setVisibility, useFakeClock } from '../../../test/support/signed-url.js'

beforeEach(() => {
  useFakeClock()
})
afterEach(() => {
  setVisibility('visible')
})

describe('useSignedUrl: expiry and refresh', () => {
  it('measures expiry from the time the response arrived', async () => {
    const started = Date.now()
    const { result } = renderSignedUrl({ signedUrl: 'slow', delayMs: 3_000, expiresIn: 300 })
    await settle()
    await advance(3_000)
    await settle()
    expect(result.current.status).toBe('ready')
    expect(result.current.signedUrl?.receivedAt).toBe(started + 3_000)
    expect(result.current.signedUrl?.expiresAt).toBe(started + 3_000 + 300_000)
  })

  it('ignores a server Date header far from the user clock when expires_in is given', async () => {
    const started = Date.now()
    const { result } = renderSignedUrl({ expiresIn: 120 })
    await settle()
    expect(result.current.signedUrl?.expiresAt).toBe(started + 120_000)
  })

  it('refreshes 30 s before expiry for a 300 s URL, and not a millisecond sooner', async () => {
    const { endpoint, result } = renderSignedUrl({ expiresIn: 300 })
    await settle()
    expect(endpoint.requests).toHaveLength(1)
    const first = result.current.url
    await advance(269_999)
    expect(endpoint.requests).toHaveLength(1)
    await advance(1)
    await settle()
    expect(endpoint.requests).toHaveLength(2)
    expect(result.current.url).not.toBe(first)
    expect(result.current.status).toBe('ready')
  })

  it('refreshes a quarter of the lifetime before expiry for short URLs (60 s → at 45 s)', async () => {
    const { endpoint } = renderSignedUrl({ expiresIn: 60 })
    await settle()
    await advance(44_999)
    expect(endpoint.requests).toHaveLength(1)
    await advance(1)
    expect(endpoint.requests).toHaveLength(2)
  })

  it('uses the provider refreshMarginMs when given', async () => {
    const { endpoint } = renderSignedUrl({ expiresIn: 300, provider: { refreshMarginMs: 100_000 } })
    await settle()
    await advance(199_999)
    expect(endpoint.requests).toHaveLength(1)
    await advance(1)
    expect(endpoint.requests).toHaveLength(2)
  })

  it('keeps refreshing once per lifetime while mounted and visible', async () => {
    const { endpoint } = renderSignedUrl({ expiresIn: 300 })
    await settle()
    await advance(60 * 60_000)
    // one at mount, then one every 270 s for an hour
    expect(endpoint.requests).toHaveLength(1 + Math.floor(3_600_000 / 270_000))
  })

  it('never refreshes a target more than once per 5 s, even with expires_in 0', async () => {
    const { endpoint } = renderSignedUrl({ expiresIn: 0 })
    await settle()
    expect(endpoint.requests).toHaveLength(1)
    await advance(4_999)
    expect(endpoint.requests).toHaveLength(1)
    await advance(1)
    expect(endpoint.requests).toHaveLength(2)
    await advance(55_000)
    expect(endpoint.requests).toHaveLength(13)
  })

  it('treats a negative expires_in like 0: one refresh per 5 s, and an error state', async () => {
    const { endpoint, result } = renderSignedUrl({ expiresIn: -100 })
    await settle()
    expect(result.current.status).toBe('error')
    expect(result.current.error?.code).toBe('invalid_response')
    await advance(20_000)
    expect(endpoint.requests).toHaveLength(5)
  })

  it('makes no refresh request from a hidden tab, and refetches when it becomes visible', async () => {
    const { endpoint, result } = renderSignedUrl({ expiresIn: 300 })
    await settle()
    setVisibility('hidden')
    await advance(600_000)
    expect(endpoint.requests).toHaveLength(1)
    expect(result.current.status).toBe('idle')
    setVisibility('visible')
    await settle()
    expect(endpoint.requests).toHaveLength(2)
    expect(result.current.status).toBe('ready')
  })

  it('does not refetch on visibility when the URL is still fresh', async () => {
    const { endpoint } = renderSignedUrl({ expiresIn: 300 })
    await settle()
    setVisibility('hidden')
    await advance(60_000)
    setVisibility('visible')
    await settle()
    expect(endpoint.requests).toHaveLength(1)
  })

  it('refetches on window focus when stale, and not when fresh', async () => {
    const { endpoint } = renderSignedUrl({ expiresIn: 300 })
    await settle()
    act(() => {
      window.dispatchEvent(new Event('focus'))
    })
    await settle()
    expect(endpoint.requests).toHaveLength(1)
    setVisibility('hidden')
    await advance(280_000)
    // back from another window: the page was never hidden from its own point of view
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' })
    act(() => {
      window.dispatchEvent(new Event('focus'))
    })
    await settle()
    expect(endpoint.requests).toHaveLength(2)
  })

  it('refetches when the connection comes back, if stale', async () => {
    const { endpoint } = renderSignedUrl({ expiresIn: 300 })
    await settle()
    act(() => {
      window.dispatchEvent(new Event('offline'))
    })
    await advance(300_000)
    const whileOffline = endpoint.requests.length
    act(() => {
      window.dispatchEvent(new Event('online'))
    })
    await settle()
    expect(endpoint.requests.length).toBe(whileOffline + 1)
  })

  it('stops refreshing once unmounted', async () => {
    const { endpoint, unmount } = renderSignedUrl({ expiresIn: 300 })
    await settle()
    unmount()
    await advance(3_600_000)
    expect(endpoint.requests).toHaveLength(1)
  })

  it('reports a URL as unusable once less than 10 s is left, even without a refresh', async () => {
    const { result } = renderSignedUrl({ expiresIn: 300, provider: { refreshMarginMs: 0 } })
    await settle()
    await advance(290_000)
    expect(result.current.status).toBe('ready')
    await advance(1)
    expect(result.current.status).not.toBe('ready')
    expect(result.current.url).toBeUndefined()
  })
})
