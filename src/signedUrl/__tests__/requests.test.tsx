import { defaultShouldDehydrateQuery, dehydrate } from '@tanstack/react-query'
import { act, render, renderHook } from '@testing-library/react'
import { StrictMode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  advance,
  portalTarget,
  renderSignedUrl,
  settle,
  setupEndpoint,
  useFakeClock,
} from '../../../test/support/signed-url.js'
import { isEmbedSecretQuery } from '../../core/queryMeta.js'
import type { Target } from '../../core/target.js'
import { signedUrlQueryKey, signedUrlQueryOptions } from '../signedUrlQueryOptions.js'
import { useSignedUrl } from '../useSignedUrl.js'

beforeEach(() => {
  useFakeClock()
})

afterEach(() => {
  vi.unstubAllEnvs()
})

function Consumer({ target = portalTarget }: { target?: Target }) {
  const signed = useSignedUrl(target)
  return <output>{signed.status}</output>
}

/** A slow signed-URL request whose fetch records the abort signal it was given. */
function renderSlowRecordingSignals() {
  const signals: AbortSignal[] = []
  const rendered = renderSignedUrl({
    signedUrl: 'slow',
    delayMs: 10_000,
    provider: {
      fetch: (input, init) => {
        if (init?.signal) signals.push(init.signal)
        return fetch(input, init)
      },
    },
  })
  return { ...rendered, signals }
}

describe('useSignedUrl: requests', () => {
  it('makes one request for many components that need the same target', async () => {
    const { endpoint, wrapper: Wrapper } = setupEndpoint()
    render(
      <Wrapper>
        <Consumer />
        <Consumer />
        <Consumer target={{ context: 'launch', kind: 'junction.user_portal', subject: undefined }} />
      </Wrapper>,
    )
    await settle()
    expect(endpoint.requests).toHaveLength(1)
  })

  it('makes one request per distinct target', async () => {
    const { endpoint, wrapper: Wrapper } = setupEndpoint()
    render(
      <Wrapper>
        <Consumer />
        <Consumer target={{ kind: 'junction.user_portal', context: 'communications' }} />
      </Wrapper>,
    )
    await settle()
    expect(endpoint.requests.map((r) => r.target)).toEqual([
      { kind: 'junction.user_portal', context: 'launch' },
      { kind: 'junction.user_portal', context: 'communications' },
    ])
  })

  it('makes no second request under StrictMode, and does not abort the first', async () => {
    const signals: AbortSignal[] = []
    const { endpoint, wrapper: Wrapper } = setupEndpoint({
      signedUrl: 'slow',
      delayMs: 1_000,
      provider: {
        fetch: (input, init) => {
          if (init?.signal) signals.push(init.signal)
          return fetch(input, init)
        },
      },
    })
    const { container } = render(
      <StrictMode>
        <Wrapper>
          <Consumer />
        </Wrapper>
      </StrictMode>,
    )
    await settle()
    await advance(1_000)
    await settle()
    expect(endpoint.requests).toHaveLength(1)
    expect(signals.map((s) => s.aborted)).toEqual([false])
    expect(container.textContent).toBe('ready')
  })

  it('aborts the request once no component needs it any more', async () => {
    const { signals, endpoint, unmount, queryClient } = renderSlowRecordingSignals()
    await settle()
    unmount()
    await advance(1)
    expect(signals).toHaveLength(1)
    expect(signals[0]?.aborted).toBe(true)
    // Aborted without an error left behind; the provider, unmounted too, has dropped the entry.
    const state = queryClient.getQueryState(signedUrlQueryKey(portalTarget, { endpoint: '/api/portals' }))
    expect(state?.error ?? null).toBeNull()
    expect(state?.fetchStatus ?? 'idle').toBe('idle')
    await advance(60_000)
    expect(endpoint.requests).toHaveLength(1)
  })

  it('in a production build, aborts the request at once when no component needs it any more', async () => {
    // Production builds have no StrictMode remount to wait for: react-query's own abort is enough.
    vi.stubEnv('NODE_ENV', 'production')
    const { signals, endpoint, unmount } = renderSlowRecordingSignals()
    await settle()
    expect(signals).toHaveLength(1)
    expect(signals[0]?.aborted).toBe(false)
    unmount()
    expect(signals[0]?.aborted).toBe(true)
    await advance(60_000)
    expect(endpoint.requests).toHaveLength(1)
  })

  it('lets a prefetch finish and serves it to the component that mounts next, without a new request', async () => {
    const { endpoint, queryClient, wrapper } = setupEndpoint()
    await act(() =>
      queryClient.prefetchQuery(
        signedUrlQueryOptions(portalTarget, {
          endpoint: '/api/portals',
          allowedOrigins: ['https://portal.example.test'],
        }),
      ),
    )
    expect(endpoint.requests).toHaveLength(1)
    const { result } = renderHook(() => useSignedUrl(portalTarget), { wrapper })
    expect(result.current.status).toBe('ready')
    expect(result.current.url).toBe(endpoint.issuedUrls[0])
    await settle()
    expect(endpoint.requests).toHaveLength(1)
  })

  it('idles without a request while disabled', async () => {
    const { endpoint, result } = renderSignedUrl({ hook: { enabled: false } })
    await settle()
    expect(result.current.status).toBe('idle')
    expect(endpoint.requests).toHaveLength(0)
  })

  it('does not refetch when the target is an equal new object on each render', async () => {
    const { endpoint, wrapper } = setupEndpoint()
    const { rerender } = renderHook(() => useSignedUrl({ kind: 'junction.user_portal', context: 'launch' }), {
      wrapper,
    })
    await settle()
    rerender()
    rerender()
    await settle()
    expect(endpoint.requests).toHaveLength(1)
  })
  it('keeps the same actions while the target keeps its content, and new ones when it changes', async () => {
    const { wrapper } = setupEndpoint()
    const { result, rerender } = renderHook(
      ({ context }: { context: 'launch' | 'communications' }) =>
        useSignedUrl({ kind: 'junction.user_portal', context }),
      { wrapper, initialProps: { context: 'launch' } },
    )
    await settle()
    const first = result.current
    rerender({ context: 'launch' })
    expect(result.current.consume).toBe(first.consume)
    expect(result.current.refetch).toBe(first.refetch)
    rerender({ context: 'communications' })
    expect(result.current.consume).not.toBe(first.consume)
  })
})

describe('useSignedUrl: consuming and forgetting URLs', () => {
  it('consume() takes the URL out of the cache at once and never hands it out again', async () => {
    const { endpoint, result, queryClient } = renderSignedUrl()
    await settle()
    const first = result.current.url
    expect(first).toBe(endpoint.issuedUrls[0])
    await act(async () => result.current.consume())
    expect(result.current.url).toBeUndefined()
    expect(result.current.status).toBe('idle')
    expect(result.current.getUsableUrl()).toBeUndefined()
    expect(queryClient.getQueryData(signedUrlQueryKey(portalTarget, { endpoint: '/api/portals' }))).toBeUndefined()
    await settle()
    expect(endpoint.requests).toHaveLength(1)
    let fresh: string | undefined
    await act(async () => {
      fresh = (await result.current.fetchFresh()).url
    })
    expect(fresh).toBe(endpoint.issuedUrls[1])
    expect(fresh).not.toBe(first)
  })

  it('fetchFresh() returns the cached URL while usable, without a request', async () => {
    const { endpoint, result } = renderSignedUrl()
    await settle()
    let url: string | undefined
    await act(async () => {
      url = (await result.current.fetchFresh()).url
    })
    expect(url).toBe(endpoint.issuedUrls[0])
    expect(endpoint.requests).toHaveLength(1)
  })

  it('drops every unobserved URL when the provider unmounts', async () => {
    const { unmount, queryClient } = renderSignedUrl({ expiresIn: 3_600 })
    await settle()
    unmount()
    await advance(1)
    expect(queryClient.getQueryData(signedUrlQueryKey(portalTarget, { endpoint: '/api/portals' }))).toBeUndefined()
  })

  it('keeps an unobserved long-lived URL no longer than 60 s', async () => {
    const { queryClient, wrapper: Wrapper } = setupEndpoint({ expiresIn: 3_600 })
    const { rerender } = render(
      <Wrapper>
        <Consumer />
      </Wrapper>,
    )
    await settle()
    rerender(<Wrapper>{null}</Wrapper>)
    await advance(59_999)
    const key = signedUrlQueryKey(portalTarget, { endpoint: '/api/portals' })
    expect(queryClient.getQueryData(key)).toBeDefined()
    await advance(1)
    expect(queryClient.getQueryData(key)).toBeUndefined()
  })

  it('marks signed-URL queries so that persisters skip them', async () => {
    const { queryClient } = renderSignedUrl()
    await settle()
    queryClient.setQueryData(['host', 'data'], { ok: true })
    const dehydrated = dehydrate(queryClient, {
      shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) && !isEmbedSecretQuery(query),
    })
    expect(dehydrated.queries.map((q) => q.queryKey)).toEqual([['host', 'data']])
    expect(JSON.stringify(dehydrated)).not.toContain('portal.example.test')
  })
})
