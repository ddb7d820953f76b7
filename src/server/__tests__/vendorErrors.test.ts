// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { VendorError } from '../clients/vendorFetch.js'
import { vendorFields, wireErrorFromVendor } from '../vendorErrors.js'

function httpError(status: number, body?: unknown, retryAfter: string | null = null) {
  return new VendorError('junction', 'create portal URL', 'http', { status, body, retryAfter })
}

describe('vendor errors → wire errors', () => {
  it('reads FastAPI detail items and UserHub params as dotted field paths', () => {
    expect(
      vendorFields({
        detail: [
          { loc: ['body', 'address', 'zip'], msg: 'field required', type: 'missing' },
          {
            loc: ['query', 'users', 0, 'email'],
            msg: 'not an email, see https://x.test/?token=abc',
            type: 'value_error',
          },
          { loc: [], msg: 'ignored' },
          'garbage',
        ],
      }),
    ).toEqual([
      { path: 'address.zip', message: 'field required' },
      { path: 'users.0.email', message: 'not an email, see [link removed]' },
    ])
    expect(vendorFields({ code: 'INVALID_ARGUMENT', message: 'bad url', param: 'returnUrl' })).toEqual([
      { path: 'return_url', message: 'bad url' },
    ])
    expect(vendorFields({ detail: 'User demographics are required.' })).toEqual([])
  })

  it('passes on only field paths that look like paths, nothing else the vendor wrote', () => {
    expect(
      vendorFields({
        detail: [
          { loc: ['body', 'https://x.test/?token=abc'], msg: 'bad' },
          { loc: ['body', 'a'.repeat(65)], msg: 'bad' },
          { loc: ['body', 'name with spaces'], msg: 'bad' },
          { loc: ['body', 'users', 2, 'first_name'], msg: 'too long' },
        ],
      }),
    ).toEqual([{ path: 'users.2.first_name', message: 'too long' }])
    expect(vendorFields({ message: 'bad', param: '<script>alert(1)</script>' })).toEqual([])
  })

  it('maps each vendor status as documented', () => {
    const cases: [number, number, string][] = [
      [400, 422, 'validation_error'],
      [401, 502, 'upstream_unavailable'],
      [403, 502, 'upstream_unavailable'],
      [404, 404, 'not_found'],
      [408, 504, 'timeout'],
      [422, 422, 'validation_error'],
      [429, 429, 'rate_limited'],
      [500, 502, 'upstream_unavailable'],
      [503, 503, 'upstream_unavailable'],
    ]
    for (const [vendorStatus, status, code] of cases) {
      expect(
        wireErrorFromVendor(httpError(vendorStatus), undefined, '/signed-url'),
        String(vendorStatus),
      ).toMatchObject({
        status,
        code,
      })
    }
    expect(wireErrorFromVendor(new VendorError('userhub', 'x', 'timeout'), undefined, '/x').status).toBe(504)
    expect(wireErrorFromVendor(new VendorError('userhub', 'x', 'network'), undefined, '/x').status).toBe(502)
    expect(wireErrorFromVendor(new VendorError('userhub', 'x', 'invalid_response'), undefined, '/x').status).toBe(502)
  })

  it('passes Retry-After on only when it is seconds or an HTTP date', () => {
    const header = (value: string) =>
      wireErrorFromVendor(httpError(429, undefined, value), undefined, '/x').extra.headers
    expect(header('12')).toEqual({ 'retry-after': '12' })
    expect(header('Wed, 21 Oct 2026 07:28:00 GMT')).toEqual({ 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' })
    expect(header('12; evil=1')).toEqual({ 'retry-after': '5' })
    expect(header('soon')).toEqual({ 'retry-after': '5' })
  })

  it('passes on at most 50 field errors, each message capped, however many the vendor sent', () => {
    const detail = Array.from({ length: 100_000 }, (_, i) => ({
      loc: ['body', 'users', i, 'email'],
      msg: `not an email ${'x'.repeat(1_000)}`,
    }))
    const wire = wireErrorFromVendor(httpError(422, { detail }), undefined, '/portals/:portalId/users')
    const fields = wire.extra.fields ?? []
    expect(fields).toHaveLength(50)
    expect(fields[49]?.path).toBe('users.49.email')
    expect(Math.max(...fields.map((f) => f.message.length))).toBe(300)
    expect(JSON.stringify(fields).length).toBeLessThan(20_000)
  })
})
