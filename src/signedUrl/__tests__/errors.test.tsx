import { beforeEach, describe, expect, it, vi } from 'vitest'
import { advance, renderSignedUrl, settle, useFakeClock } from '../../../test/support/signed-url.js'
import type { EmbedErrorCode } from '../../core/errors.js'
import type { SignedUrlScenario } from '../../testing/endpointHandlers.js'

beforeEach(() => {
  useFakeClock()
  // Backoff jitter at its lowest: delays are exactly 500, 1000, 2000 ms.
  vi.spyOn(Math, 'random').mockReturnValue(0)
})

/** Every answer of the endpoint that is not a usable URL, what it must end in, and how many requests that takes. */
const cases: [SignedUrlScenario, EmbedErrorCode, number][] = [
  ['demographics_required', 'demographics_required', 1],
  ['validation_error', 'validation_error', 1],
  ['unauthorized', 'unauthorized', 1],
  ['forbidden', 'forbidden', 1],
  ['not_found', 'not_found', 1],
  ['rate_limited', 'rate_limited', 3],
  ['server_error', 'upstream_unavailable', 4],
  ['unavailable', 'upstream_unavailable', 4],
  ['network_error', 'network', 4],
  ['malformed_json', 'invalid_response', 1],
  ['missing_fields', 'invalid_response', 1],
  ['unsafe_url', 'unsafe_url', 1],
  ['slow', 'timeout', 4],
]

describe('useSignedUrl: every bad answer ends in a typed error, without a retry storm', () => {
  it.each(cases)('%s → %s after %i request(s)', async (scenario, code, requests) => {
    const { endpoint, result } = renderSignedUrl({ signedUrl: scenario, delayMs: 60_000 })
    await settle()
    // long enough for every retry and timeout, and then some
    await advance(5 * 60_000)
    expect(result.current.status).toBe('error')
    expect(result.current.error?.code).toBe(code)
    expect(result.current.url).toBeUndefined()
    expect(endpoint.requests).toHaveLength(requests)
    await advance(30 * 60_000)
    expect(endpoint.requests).toHaveLength(requests)
  })

  it('carries missing fields of a 422 demographics_required', async () => {
    const { result } = renderSignedUrl({ signedUrl: 'demographics_required', missing: ['dob', 'address.zip'] })
    await settle()
    expect(result.current.error).toMatchObject({
      code: 'demographics_required',
      status: 422,
      missing: ['dob', 'address.zip'],
    })
  })

  it('carries field errors of a 422 validation_error', async () => {
    const { result } = renderSignedUrl({
      signedUrl: 'validation_error',
      fields: [{ path: 'order_id', message: 'must be a uuid' }],
    })
    await settle()
    expect(result.current.error).toMatchObject({
      code: 'validation_error',
      fields: [{ path: 'target.order_id', message: 'must be a uuid' }],
    })
  })

  it('never puts an unsafe URL in the error message', async () => {
    const { result } = renderSignedUrl({ signedUrl: 'unsafe_url' })
    await settle()
    expect(result.current.error?.message).not.toMatch(/javascript|alert/)
  })

  it('refuses a URL outside allowedOrigins', async () => {
    const { result } = renderSignedUrl({ provider: { allowedOrigins: ['https://*.junction.com'] } })
    await settle()
    expect(result.current.error?.code).toBe('unsafe_url')
  })

  it('accepts http://127.0.0.1 only when allowInsecureLocalhost is set', async () => {
    const refused = renderSignedUrl({ urlBase: 'http://127.0.0.1:4010' })
    await settle()
    expect(refused.result.current.error?.code).toBe('unsafe_url')
    refused.unmount()
    const allowed = renderSignedUrl({ urlBase: 'http://127.0.0.1:4010', provider: { allowInsecureLocalhost: true } })
    await settle()
    expect(allowed.result.current.url).toBe('http://127.0.0.1:4010/portal?token=t1')
  })
})

describe('useSignedUrl: retry timing', () => {
  it('retries a 5xx after 500, 1000 and 2000 ms, then gives up', async () => {
    const { endpoint, result } = renderSignedUrl({ signedUrl: 'unavailable' })
    await settle()
    expect(endpoint.requests).toHaveLength(1)
    await advance(499)
    expect(endpoint.requests).toHaveLength(1)
    await advance(1)
    expect(endpoint.requests).toHaveLength(2)
    await advance(999)
    expect(endpoint.requests).toHaveLength(2)
    await advance(1)
    expect(endpoint.requests).toHaveLength(3)
    await advance(1_999)
    expect(endpoint.requests).toHaveLength(3)
    await advance(1)
    expect(endpoint.requests).toHaveLength(4)
    await settle()
    expect(result.current.status).toBe('error')
  })

  it('recovers when a retry succeeds', async () => {
    const { endpoint, result } = renderSignedUrl({ signedUrl: ['server_error', 'network_error', 'fresh'] })
    await settle()
    await advance(1_500)
    await settle()
    expect(endpoint.requests).toHaveLength(3)
    expect(result.current.status).toBe('ready')
    expect(result.current.url).toBe(endpoint.issuedUrls[0])
  })

  it('waits exactly the Retry-After of a 429', async () => {
    const { endpoint, result } = renderSignedUrl({ signedUrl: ['rate_limited', 'fresh'], retryAfterSeconds: 7 })
    await settle()
    await advance(6_999)
    expect(endpoint.requests).toHaveLength(1)
    await advance(1)
    await settle()
    expect(endpoint.requests).toHaveLength(2)
    expect(result.current.status).toBe('ready')
  })

  it('does not wait for a Retry-After over 60 s, and reports it', async () => {
    const { endpoint, result } = renderSignedUrl({ signedUrl: 'rate_limited', retryAfterSeconds: 120 })
    await settle()
    await advance(10 * 60_000)
    expect(endpoint.requests).toHaveLength(1)
    expect(result.current.error).toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000 })
  })

  it('times a request out after 15 s, or the provider timeoutMs', async () => {
    const { endpoint } = renderSignedUrl({
      signedUrl: ['slow', 'fresh'],
      delayMs: 60_000,
      provider: { timeoutMs: 2_000 },
    })
    await settle()
    await advance(1_999)
    expect(endpoint.requests).toHaveLength(1)
    // timed out at 2000, retried 500 ms later
    await advance(1 + 500)
    expect(endpoint.requests).toHaveLength(2)
  })

  it('retries after refetch() once it has failed for good', async () => {
    const { endpoint, result } = renderSignedUrl({ signedUrl: ['unauthorized', 'fresh'] })
    await settle()
    expect(result.current.status).toBe('error')
    await advance(0)
    void result.current.refetch()
    await settle()
    expect(endpoint.requests).toHaveLength(2)
    expect(result.current.status).toBe('ready')
  })
})
