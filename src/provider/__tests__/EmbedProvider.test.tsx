import { QueryClient } from '@tanstack/react-query'
import { renderHook } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { portalTarget, renderSignedUrl, settle, useFakeClock } from '../../../test/support/signed-url.js'
import { useSignedUrl } from '../../signedUrl/useSignedUrl.js'
import { EmbedProvider } from '../EmbedProvider.js'

beforeEach(() => {
  useFakeClock()
})

describe('EmbedProvider', () => {
  it('names the missing provider when a hook is used outside one', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => useSignedUrl(portalTarget))).toThrow(
      'useSignedUrl must be used within <EmbedProvider>',
    )
  })

  it('refuses an allowedOrigins entry that is not an origin, naming it', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() =>
      renderHook(() => useSignedUrl(portalTarget), {
        wrapper: ({ children }) => (
          <EmbedProvider endpoint="/api/portals" allowedOrigins={['junction.com']}>
            {children}
          </EmbedProvider>
        ),
      }),
    ).toThrow('"junction.com"')
  })

  it('sends static headers, and headers from an async function called per request', async () => {
    let token = 0
    const { endpoint, result } = renderSignedUrl({
      provider: { headers: async () => ({ 'x-csrf-token': `token-${++token}` }) },
    })
    await settle()
    await result.current.refetch()
    await settle()
    expect(endpoint.requests.map((r) => r.headers.get('x-csrf-token'))).toEqual(['token-1', 'token-2'])
    expect(endpoint.requests[0]?.headers.get('content-type')).toBe('application/json')

    const fixed = renderSignedUrl({ provider: { headers: { authorization: 'Bearer host-session' } } })
    await settle()
    expect(fixed.endpoint.requests[0]?.headers.get('authorization')).toBe('Bearer host-session')
  })

  it('uses a custom fetch, with credentials kept to the same origin', async () => {
    const calls: RequestInit[] = []
    const { result } = renderSignedUrl({
      provider: {
        fetch: (input, init) => {
          if (init) calls.push(init)
          return fetch(input, init)
        },
      },
    })
    await settle()
    expect(result.current.status).toBe('ready')
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ method: 'POST', credentials: 'same-origin' })
    expect(JSON.parse(String(calls[0]?.body))).toEqual({ target: portalTarget })
  })

  it('does not refetch when the host passes new header or fetch functions on each render', async () => {
    const { endpoint, rerender } = renderSignedUrl({ provider: { headers: () => ({ a: '1' }) } })
    await settle()
    rerender()
    rerender()
    await settle()
    expect(endpoint.requests).toHaveLength(1)
  })

  it('opens only the vendors’ origins without allowedOrigins: another https site is unsafe_url, never retried', async () => {
    const elsewhere = renderSignedUrl({ provider: { allowedOrigins: undefined } })
    await settle()
    expect(elsewhere.result.current.error?.code).toBe('unsafe_url')
    expect(elsewhere.result.current.url).toBeUndefined()
    expect(elsewhere.endpoint.requests).toHaveLength(1)
    const vendor = renderSignedUrl({ urlBase: 'https://portal.junction.com', provider: { allowedOrigins: undefined } })
    await settle()
    expect(vendor.result.current.status).toBe('ready')
    expect(vendor.result.current.url).toMatch(/^https:\/\/portal\.junction\.com\//)
  })

  it('uses its own private client when no queryClient is passed', async () => {
    const { endpointHandlers } = await import('../../testing/endpointHandlers.js')
    const { server } = await import('../../../test/support/msw-server.js')
    const endpoint = endpointHandlers()
    server.use(...endpoint.handlers)
    const { result } = renderHook(() => useSignedUrl(portalTarget), {
      wrapper: ({ children }) => (
        <EmbedProvider endpoint="/api/portals" allowedOrigins={['https://portal.example.test']}>
          {children}
        </EmbedProvider>
      ),
    })
    await settle()
    expect(result.current.status).toBe('ready')
    expect(result.current.url).toBe(endpoint.issuedUrls[0])
  })

  it('uses the client passed as queryClient', async () => {
    const mine = new QueryClient()
    const { result } = renderSignedUrl({ provider: { queryClient: mine } })
    await settle()
    expect(mine.getQueryCache().getAll()).toHaveLength(1)
    expect(result.current.status).toBe('ready')
  })

  it('leaves the target to the server: sends it as given, and reports the server’s refusal with its fields', async () => {
    const target = { kind: 'junction.user_portal', context: 'launch', order_id: 'not-a-uuid' } as const
    const { endpoint, result } = renderSignedUrl({
      target,
      signedUrl: 'validation_error',
      fields: [{ path: 'target.order_id', message: 'must be a uuid' }],
    })
    await settle()
    expect(endpoint.requests.map((request) => request.target)).toEqual([target])
    expect(result.current.error).toMatchObject({ code: 'validation_error', fields: [{ path: 'target.order_id' }] })
  })
})
