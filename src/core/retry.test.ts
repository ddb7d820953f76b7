// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { EmbedError, type EmbedErrorCode } from './errors.js'
import { parseRetryAfter, retryDelayMs, shouldRetry } from './retry.js'

function httpError(code: EmbedErrorCode, status?: number, retryAfterMs?: number): EmbedError {
  return new EmbedError(code, undefined, { status, retryAfterMs })
}

const NOW = Date.parse('2025-01-01T12:00:00Z')
const SERVER_DATE = 'Wed, 01 Jan 2025 13:00:00 GMT'

describe('shouldRetry', () => {
  it.each([
    ['validation_error', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['validation_error', 422],
    ['demographics_required', 422],
    ['timeout', 400],
  ] as const)('does not retry %s (%i)', (code, status) => {
    expect(shouldRetry(0, httpError(code, status))).toBe(false)
  })

  it.each([
    ['an unsafe_url error', httpError('unsafe_url')],
    ['an invalid_response error', httpError('invalid_response', 200)],
    ['a popup_blocked error', httpError('popup_blocked')],
    ['a plain Error', new Error('bug')],
    ['a TypeError', new TypeError('x is undefined')],
    ['a string', 'network'],
    ['undefined', undefined],
  ])('does not retry %s', (_, error) => {
    expect(shouldRetry(0, error)).toBe(false)
  })

  it.each([
    ['timeout', 408],
    ['rate_limited', 429],
  ] as const)('retries %s (%i) after the first and second failure, not the third', (code, status) => {
    expect(shouldRetry(0, httpError(code, status))).toBe(true)
    expect(shouldRetry(1, httpError(code, status))).toBe(true)
    expect(shouldRetry(2, httpError(code, status))).toBe(false)
  })

  it('retries a 429 whose Retry-After is at most 60 s, and not one that asks for longer', () => {
    expect(shouldRetry(0, httpError('rate_limited', 429, 60_000))).toBe(true)
    expect(shouldRetry(0, httpError('rate_limited', 429, 61_000))).toBe(false)
    expect(shouldRetry(0, httpError('upstream_unavailable', 503, 61_000))).toBe(false)
    expect(shouldRetry(0, httpError('upstream_unavailable', 503, 60_000))).toBe(true)
  })

  it.each([
    ['a network error', httpError('network')],
    ['a timeout without status', httpError('timeout')],
    ['a 500', httpError('upstream_unavailable', 500)],
    ['a 502', httpError('upstream_unavailable', 502)],
    ['a 503', httpError('upstream_unavailable', 503)],
    ['a 504', httpError('upstream_unavailable', 504)],
    ['a 503 with a short Retry-After', httpError('upstream_unavailable', 503, 2000)],
  ])('retries %s after failures 0, 1 and 2, not 3', (_, error) => {
    expect([0, 1, 2, 3].map((count) => shouldRetry(count, error))).toEqual([true, true, true, false])
  })

  it('recognises an EmbedError from another copy of the library', () => {
    const foreign = Object.assign(new Error('x'), { name: 'EmbedError', code: 'network' })
    expect(shouldRetry(0, foreign)).toBe(true)
  })
})

describe('retryDelayMs', () => {
  const transient = httpError('upstream_unavailable', 503)

  it('waits half of the backoff step with random = 0', () => {
    expect([0, 1, 2, 3].map((count) => retryDelayMs(count, transient, () => 0))).toEqual([500, 1000, 2000, 4000])
  })

  it('waits the whole backoff step with random = 1', () => {
    expect([0, 1, 2, 3].map((count) => retryDelayMs(count, transient, () => 1))).toEqual([1000, 2000, 4000, 8000])
  })

  it('caps the backoff at 8000 ms', () => {
    expect(retryDelayMs(4, transient, () => 1)).toBe(8000)
    expect(retryDelayMs(30, transient, () => 1)).toBe(8000)
    expect(retryDelayMs(30, transient, () => 0)).toBe(4000)
  })

  it('jitters between half and all of the step', () => {
    expect(retryDelayMs(1, transient, () => 0.5)).toBe(1500)
    expect(retryDelayMs(2, httpError('network'), () => 0.25)).toBe(2500)
  })

  it('waits exactly the Retry-After when the server gave one', () => {
    expect(retryDelayMs(0, httpError('rate_limited', 429, 2000), () => 1)).toBe(2000)
    expect(retryDelayMs(1, httpError('rate_limited', 429, 0), () => 1)).toBe(0)
  })

  it('caps the Retry-After wait at 60000 ms and never goes below 0', () => {
    expect(retryDelayMs(0, httpError('rate_limited', 429, 120_000), () => 0)).toBe(60_000)
    expect(retryDelayMs(0, httpError('rate_limited', 429, -5), () => 0)).toBe(0)
  })

  it('uses Math.random by default, within the bounds of the step', () => {
    const delay = retryDelayMs(2, transient)
    expect(delay).toBeGreaterThanOrEqual(2000)
    expect(delay).toBeLessThanOrEqual(4000)
  })
})

describe('parseRetryAfter', () => {
  it('reads whole seconds', () => {
    expect(parseRetryAfter('7', null, NOW)).toBe(7000)
    expect(parseRetryAfter('0', SERVER_DATE, NOW)).toBe(0)
    expect(parseRetryAfter(' 120 ', null, NOW)).toBe(120_000)
  })

  it('measures an HTTP date against the response Date header, not the user clock', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 13:00:30 GMT', SERVER_DATE, NOW)).toBe(30_000)
    expect(parseRetryAfter('Wednesday, 01-Jan-25 13:00:30 GMT', SERVER_DATE, NOW)).toBe(30_000)
  })

  it('measures an HTTP date against now when there is no usable Date header', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:45 GMT', null, NOW)).toBe(45_000)
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:45 GMT', 'garbage', NOW)).toBe(45_000)
  })

  it('gives 0 for an HTTP date in the past', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:59:00 GMT', SERVER_DATE, NOW)).toBe(0)
  })

  it.each(['soon', '', '7s', '1.5', '-1', '7.5', '0x10', '1e3'])('gives undefined for the invalid %j', (value) => {
    expect(parseRetryAfter(value, SERVER_DATE, NOW)).toBeUndefined()
  })

  it('gives undefined without a header', () => {
    expect(parseRetryAfter(null, SERVER_DATE, NOW)).toBeUndefined()
  })
})
