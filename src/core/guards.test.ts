// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EmbedError } from './errors.js'
import { errorFromResponse, parseSignedUrlBody, type ResponseContext } from './guards.js'
import { sanitizeMessage } from './untrusted.js'

const RECEIVED_AT = Date.parse('2025-01-01T12:00:00Z')
/** The server's clock is one hour ahead of the user's. */
const SERVER_DATE = 'Wed, 01 Jan 2025 13:00:00 GMT'
const CONTEXT: ResponseContext = { receivedAt: RECEIVED_AT, date: SERVER_DATE }
const NO_DATE: ResponseContext = { receivedAt: RECEIVED_AT, date: null }
const POLICY = { allowedOrigins: ['https://*.junction.com'] }
const URL_TEXT = 'https://acme.junction.com/launch?token=SIGNED-SECRET'

function codeOf(run: () => unknown): string {
  try {
    run()
    return 'no error'
  } catch (error) {
    if (error instanceof EmbedError) return error.code
    throw error
  }
}

describe('parseSignedUrlBody', () => {
  it('measures {url, expires_in} from the time the response arrived', () => {
    expect(parseSignedUrlBody({ url: URL_TEXT, expires_in: 300 }, CONTEXT, POLICY)).toEqual({
      url: URL_TEXT,
      receivedAt: RECEIVED_AT,
      expiresAt: RECEIVED_AT + 300_000,
      singleUse: false,
    })
    expect(parseSignedUrlBody({ url: URL_TEXT, expires_in: 0.5 }, NO_DATE, POLICY).expiresAt).toBe(RECEIVED_AT + 500)
    expect(parseSignedUrlBody({ url: URL_TEXT, expires_in: -5 }, NO_DATE, POLICY).expiresAt).toBe(RECEIVED_AT - 5000)
  })

  it('treats {redirectUrl} as single use for 60 s', () => {
    expect(parseSignedUrlBody({ redirectUrl: URL_TEXT }, CONTEXT, POLICY)).toEqual({
      url: URL_TEXT,
      receivedAt: RECEIVED_AT,
      expiresAt: RECEIVED_AT + 60_000,
      singleUse: true,
    })
  })

  it('returns the normalised href', () => {
    const signed = parseSignedUrlBody({ url: 'https://A.Junction.com', expires_in: 60 }, CONTEXT, POLICY)
    expect(signed.url).toBe('https://a.junction.com/')
  })

  it.each([
    ['null', null],
    ['a string', URL_TEXT],
    ['an array', [URL_TEXT]],
    ['a number', 300],
    ['no url', { expires_in: 300 }],
    ['a numeric url', { url: 42, expires_in: 300 }],
    ['a null url', { url: null, redirectUrl: URL_TEXT }],
    ['a string expires_in', { url: URL_TEXT, expires_in: '300' }],
    ['a null expires_in', { url: URL_TEXT, expires_in: null }],
    ['a NaN expires_in', { url: URL_TEXT, expires_in: Number.NaN }],
    ['an Infinity expires_in', { url: URL_TEXT, expires_in: Number.POSITIVE_INFINITY }],
    [
      'an expires_at instead of expires_in (not the wire protocol)',
      { url: URL_TEXT, expires_at: '2025-01-01T13:05:00Z' },
    ],
    ['a url without expiry', { url: URL_TEXT }],
    ['a non-string redirectUrl', { redirectUrl: 42 }],
  ])('refuses a body with %s as invalid_response', (_, body) => {
    expect(codeOf(() => parseSignedUrlBody(body, CONTEXT, POLICY))).toBe('invalid_response')
  })

  it.each([
    { url: 'javascript:alert(1)', expires_in: 300 },
    { url: 'https://evil.com/x', expires_in: 300 },
    { url: 'https://user:pw@a.junction.com', expires_in: 300 },
    { redirectUrl: '//evil.com' },
    { redirectUrl: 'http://a.junction.com' },
  ])('refuses the unsafe URL of %j as unsafe_url', (body) => {
    expect(codeOf(() => parseSignedUrlBody(body, CONTEXT, POLICY))).toBe('unsafe_url')
  })
})

describe('errorFromResponse', () => {
  const map = (status: number, body: unknown = {}, headers: HeadersInit = {}) =>
    errorFromResponse(status, body, new Headers(headers), CONTEXT)

  it.each([
    [400, 'validation_error'],
    [422, 'validation_error'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [408, 'timeout'],
    [429, 'rate_limited'],
    [500, 'upstream_unavailable'],
    [502, 'upstream_unavailable'],
    [503, 'upstream_unavailable'],
    [504, 'upstream_unavailable'],
  ])('maps status %i to %s', (status, code) => {
    const error = map(status, null)
    expect(error).toBeInstanceOf(EmbedError)
    expect(error.code).toBe(code)
    expect(error.status).toBe(status)
  })

  it('maps a 422 that says demographics_required to demographics_required, with fields and missing', () => {
    const body = {
      error: 'demographics_required',
      message: 'Complete the patient first.',
      fields: [{ path: 'address.zip', message: 'is required' }, { path: 7, message: 'x' }, 'dob', null, { path: 'a' }],
      missing: ['dob', 'address.zip', 42, 'x'.repeat(201)],
    }
    const error = map(422, body)
    expect(error.code).toBe('demographics_required')
    // The library speaks to people; what the server said is for the developer.
    expect(error.message).toBe(new EmbedError('demographics_required').message)
    expect(error.detail).toBe(
      'The endpoint answered 422 with error "demographics_required": Complete the patient first.',
    )
    expect(error.fields).toEqual([{ path: 'address.zip', message: 'is required' }])
    expect(error.missing).toEqual(['dob', 'address.zip'])
  })

  it('takes a known server code from the body', () => {
    expect(map(400, { error: 'forbidden' }).code).toBe('forbidden')
    expect(map(503, { error: 'rate_limited' }).code).toBe('rate_limited')
  })

  it.each(['popup_blocked', 'unsafe_url', 'invalid_response', 'network', 'no_such_code', 42])(
    'ignores the client-only or unknown code %j claimed by the body',
    (claimed) => {
      expect(map(500, { error: claimed }).code).toBe('upstream_unavailable')
      expect(map(404, { error: claimed }).code).toBe('not_found')
    },
  )

  it('uses the default message when the body has none', () => {
    expect(map(401, { message: '   ' }).message).toBe(new EmbedError('unauthorized').message)
    expect(map(401, 'Unauthorized').message).toBe(new EmbedError('unauthorized').message)
  })

  it('reads Retry-After in seconds and as an HTTP date measured against the Date header', () => {
    expect(map(429, {}, { 'Retry-After': '7' }).retryAfterMs).toBe(7000)
    expect(map(429, {}, { 'Retry-After': 'Wed, 01 Jan 2025 13:00:30 GMT' }).retryAfterMs).toBe(30_000)
    expect(map(503, {}, { 'Retry-After': '120' }).retryAfterMs).toBe(120_000)
    expect(map(429).retryAfterMs).toBeUndefined()
  })

  it('never puts a URL from the server into the message or field messages', () => {
    const body = { message: `Expired: ${URL_TEXT}`, fields: [{ path: 'url', message: `bad ${URL_TEXT}` }] }
    const error = map(502, body)
    expect(error.message).not.toContain('SIGNED-SECRET')
    expect(error.fields?.[0]?.message).not.toContain('SIGNED-SECRET')
  })
})

describe('sanitizeMessage', () => {
  it.each([
    `Upstream refused ${URL_TEXT} today`,
    `(${URL_TEXT})`,
    `"${URL_TEXT}"`,
    `url=${URL_TEXT}`,
    `signed_${URL_TEXT}`,
    `9${URL_TEXT}`,
    `HTTPS://ACME.JUNCTION.COM/launch?token=SIGNED-SECRET`,
    `see intent://x#Intent;SIGNED-SECRET and ${URL_TEXT}`,
  ])('strips the URL from %j', (message) => {
    const clean = sanitizeMessage(message)
    expect(clean).not.toContain('SIGNED-SECRET')
    expect(clean).toContain('[link removed]')
  })

  it('strips a signed URL whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), fc.string({ maxLength: 100 }), (before, after) => {
        expect(sanitizeMessage(`${before}${URL_TEXT}${after}`)).not.toContain('SIGNED-SECRET')
      }),
      { numRuns: 3000 },
    )
  })

  it('keeps a message without URLs, trimmed', () => {
    expect(sanitizeMessage('  Member not found: m-1.  ')).toBe('Member not found: m-1.')
  })

  it('costs under 5 ms on a 200 KB hostile message (time linear in the cap, not the input)', () => {
    const hostile = [
      'a'.repeat(200_000),
      `${'a1+.-'.repeat(40_000)}://`,
      `${'x:'.repeat(100_000)}`,
      `${'https://'.repeat(25_000)}`,
    ]
    for (const message of hostile) {
      const best = Math.min(
        ...[0, 1, 2].map(() => {
          const start = performance.now()
          sanitizeMessage(message)
          return performance.now() - start
        }),
      )
      expect(best, message.slice(0, 12)).toBeLessThan(5)
    }
  })

  it('caps the length at 300 characters', () => {
    expect(sanitizeMessage('x'.repeat(300))).toBe('x'.repeat(300))
    const long = sanitizeMessage('x'.repeat(1000))
    expect(long).toHaveLength(300)
    expect(long.endsWith('…')).toBe(true)
  })
})
