import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { server } from '../../test/support/msw-server.js'
import { endpointHandlers } from '../testing/endpointHandlers.js'
import { type EmbedError, isEmbedError } from './errors.js'
import type { Target } from './target.js'
import { fetchSignedUrl } from './wireClient.js'

const target: Target = { kind: 'userhub.portal', portal_url: '/{accountId}/plans' }
// The handlers' pages are on a test origin, which the client allows only when told.
const config = { endpoint: '/api/portals', allowedOrigins: ['https://portal.example.test'] }

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('fetchSignedUrl', () => {
  it('normalises {url, expires_in}', async () => {
    const endpoint = endpointHandlers({ expiresIn: 90 })
    server.use(...endpoint.handlers)
    const now = Date.now()
    await expect(fetchSignedUrl(config, { kind: 'junction.user_portal', context: 'launch' })).resolves.toEqual({
      url: endpoint.issuedUrls[0] ?? 'https://portal.example.test/portal?token=t1',
      receivedAt: now,
      expiresAt: now + 90_000,
      singleUse: false,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    })
  })

  it('normalises {redirectUrl} as single use for 60 s', async () => {
    server.use(...endpointHandlers({ signedUrl: 'redirect_url' }).handlers)
    const signed = await fetchSignedUrl(config, target)
    expect(signed).toMatchObject({ singleUse: true })
    expect(signed.expiresAt - signed.receivedAt).toBe(60_000)
  })

  it('sends the target under "target" to POST {endpoint}/signed-url', async () => {
    const endpoint = endpointHandlers()
    server.use(...endpoint.handlers)
    await fetchSignedUrl({ ...config, endpoint: '/api/portals/' }, target)
    expect(endpoint.requests[0]?.target).toEqual(target)
  })

  it('times out even when a custom fetch ignores its signal', async () => {
    const never = () => new Promise<Response>(() => {})
    const pending = fetchSignedUrl({ ...config, fetch: never, timeoutMs: 1_000 }, target)
    const settled = pending.catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(1_000)
    const error = await settled
    expect(isEmbedError(error) && error.code).toBe('timeout')
  })

  it('rejects an already aborted call with its reason, preparing and sending nothing', async () => {
    const controller = new AbortController()
    const reason = new DOMException('gone', 'AbortError')
    controller.abort(reason)
    const fetch = vi.fn(() => Promise.resolve(new Response('{}')))
    const headers = vi.fn(() => ({ 'x-csrf': 'token' }))
    for (const prepared of [{ 'x-static': '1' }, headers]) {
      const error = await fetchSignedUrl({ ...config, fetch, headers: prepared }, target, controller.signal).catch(
        (e: unknown) => e,
      )
      expect(error).toBe(reason)
    }
    expect(headers).not.toHaveBeenCalled()
    expect(fetch).not.toHaveBeenCalled()
  })

  it('rejects with the abort reason, not an EmbedError, when its signal aborts', async () => {
    const controller = new AbortController()
    const never = () => new Promise<Response>(() => {})
    const pending = fetchSignedUrl({ ...config, fetch: never }, target, controller.signal).catch((e: unknown) => e)
    const reason = new DOMException('gone', 'AbortError')
    controller.abort(reason)
    await expect(pending).resolves.toBe(reason)
  })

  it('maps a fetch that throws to a network error that keeps the cause', async () => {
    const cause = new TypeError('Failed to fetch')
    const error = await fetchSignedUrl(
      {
        ...config,
        fetch: () => Promise.reject(cause),
      },
      target,
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'network', cause })
  })

  it('maps headers that cannot be prepared to a network error that keeps the cause, and sends nothing', async () => {
    const cause = new Error('CSRF token unavailable')
    const fetch = vi.fn(() => Promise.resolve(new Response('{}')))
    const failing = await fetchSignedUrl({ ...config, fetch, headers: () => Promise.reject(cause) }, target).catch(
      (e: unknown) => e,
    )
    expect(failing).toMatchObject({ code: 'network', cause })
    const unusable = await fetchSignedUrl({ ...config, fetch, headers: { 'x-token': 'line\nbreak' } }, target).catch(
      (e: unknown) => e,
    )
    expect(unusable).toMatchObject({ code: 'network' })
    expect((unusable as EmbedError).detail).toContain("EmbedProvider's headers")
    expect(fetch).not.toHaveBeenCalled()
  })

  it('maps a body that breaks off while it is read to a network error', async () => {
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new TypeError('network error'))
      },
    })
    const error = await fetchSignedUrl({ ...config, fetch: () => Promise.resolve(new Response(broken)) }, target).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code: 'network', message: 'The connection was lost while the answer was read.' })
  })

  it('maps an error status without a JSON body by its status', async () => {
    const error = await fetchSignedUrl(
      { ...config, fetch: async () => new Response('<html>Bad gateway</html>', { status: 502 }) },
      target,
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'upstream_unavailable', status: 502 })
  })
})

describe("X-Request-Id, for joining the browser's events to the server's audit events", () => {
  const answering = (status: number, body: unknown, headers: Record<string, string>) => ({
    ...config,
    fetch: async () => Response.json(body, { status, headers }),
  })

  it('keeps the request id of the answer that brought a signed URL', async () => {
    const signed = await fetchSignedUrl(
      answering(200, { url: 'https://portal.example.test/p?token=t', expires_in: 60 }, { 'x-request-id': 'req-7' }),
      target,
    )
    expect(signed.requestId).toBe('req-7')
  })

  it('gives an error the request id of the answer that failed', async () => {
    const error = await fetchSignedUrl(
      answering(403, { error: 'forbidden', message: 'No.' }, { 'x-request-id': 'req-8' }),
      target,
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'forbidden', requestId: 'req-8' })
  })

  it('leaves it undefined when the answer carried none', async () => {
    const error = await fetchSignedUrl(answering(429, { error: 'rate_limited', message: 'Wait.' }, {}), target).catch(
      (e: unknown) => e as EmbedError,
    )
    expect(isEmbedError(error) && error.requestId).toBeUndefined()
  })
})
