// @vitest-environment node
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EmbedError } from './errors.js'
import {
  assertSafeUrl,
  DEFAULT_VENDOR_URL_ORIGINS,
  isSafeUrl,
  parseOriginPattern,
  type UrlPolicy,
} from './urlSafety.js'

const RUNS = { numRuns: 3000 }
const JUNCTION: UrlPolicy = { allowedOrigins: ['https://*.junction.com'] }

/** `'accepted'`, or the code of the `EmbedError` that `assertSafeUrl` threw (anything else is rethrown). */
function outcome(raw: unknown, policy?: UrlPolicy): string {
  try {
    assertSafeUrl(raw, policy)
    return 'accepted'
  } catch (error) {
    if (error instanceof EmbedError) return error.code
    throw error
  }
}

function messageOf(raw: unknown, policy?: UrlPolicy): string {
  try {
    assertSafeUrl(raw, policy)
  } catch (error) {
    if (error instanceof Error) return error.message
  }
  throw new Error('expected a refusal')
}

const CONTROL_OR_SPACE = [
  ...['\t', '\n', '\r', '\f', '\v', ' ', '\u0000', '\u0001', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085'],
  ...['\u009f', '\u00a0', '\u1680', '\u2000', '\u2009', '\u200b', '\u200e', '\u2028', '\u2029', '\u202e'],
  ...['\u205f', '\u3000', '\ufeff'],
]
/** A control character, an invisible or whitespace character, or a backslash. */
const junkChar = fc.oneof(
  fc.integer({ min: 0, max: 0x20 }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x7f, max: 0xa0 }).map((code) => String.fromCharCode(code)),
  fc.constantFrom(...CONTROL_OR_SPACE, '\\'),
)
/** A DNS label the URL parser keeps as is. */
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,18}[a-z0-9])?$/).filter((l) => !l.startsWith('xn--'))
const hostName = fc.oneof(label, fc.domain()).filter((d) => !/(?:^|\.)xn--/.test(d) && !d.endsWith('junction.com'))
const pathPart = fc.stringMatching(/^[A-Za-z0-9._~%!$&'()*+,;=:@/?-]{0,40}$/)

/** Mixes the case of every letter of `scheme` and inserts junk characters anywhere in it. */
function mangledScheme(scheme: string): fc.Arbitrary<string> {
  const perChar = fc.tuple(fc.boolean(), fc.array(junkChar, { maxLength: 2 }))
  return fc
    .array(perChar, { minLength: scheme.length, maxLength: scheme.length })
    .map((choices) =>
      choices.map(([upper, junk], i) => `${upper ? scheme[i]?.toUpperCase() : scheme[i]}${junk.join('')}`).join(''),
    )
}

describe('assertSafeUrl', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\u0000script:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'blob:https://a.junction.com/5f0c1f8e',
    'file:///etc/passwd',
    '//evil.com/path',
    '///evil.com',
    'https://user:pw@a.junction.com',
    'https://user@a.junction.com',
    'https://:pw@a.junction.com',
    'https://@a.junction.com',
    'HTTPS://a.junction.com',
    'Https://a.junction.com',
    ' https://a.junction.com',
    'https://a.junction.com ',
    '\u00a0https://a.junction.com',
    '\ufeffhttps://a.junction.com',
    'https://a.junction.com/\u2028',
    'https://a.junction.com/x\u00a0y',
    'https://a.junction.com/x\u200by',
    'https://a.junction.com/x\u0085y',
    'https://a.junc\ttion.com',
    'https://a.junction.com/x\ny',
    'https:\\\\evil.com',
    'https:/\\evil.com',
    'https://evil.com\\@a.junction.com',
    'http://evil.com',
    'ftp://a.junction.com',
    'https://',
    '',
    42,
    null,
    undefined,
    { href: 'https://a.junction.com' },
  ])('refuses %j with unsafe_url', (raw) => {
    expect(outcome(raw)).toBe('unsafe_url')
    expect(isSafeUrl(raw)).toBe(false)
  })

  it.each([
    'https://evil.com/.junction.com',
    'https://junction.com.evil.com',
    'https://x@junction.com@evil.com',
    'https://evil.com#.junction.com',
    'https://evil.com?.junction.com',
    'https://junction.com',
    'http://a.junction.com',
    'https://a.junction.com:444',
    'https://evil-junction.com',
    'https://.junction.com',
    'https://a.junction.com.',
    'https://evil.com%2f.junction.com',
  ])('refuses the spoofed origin %s under https://*.junction.com', (raw) => {
    expect(outcome(raw, JUNCTION)).toBe('unsafe_url')
  })

  it.each([
    ['https://acme.ehr.junction.com/x?token=1', 'https://acme.ehr.junction.com/x?token=1'],
    ['https://a.junction.com', 'https://a.junction.com/'],
    ['https://A.Junction.COM:443/p', 'https://a.junction.com/p'],
  ])('accepts %s under https://*.junction.com', (raw, href) => {
    expect(assertSafeUrl(raw, JUNCTION)).toBe(href)
  })

  it('matches an exact origin by scheme, host and port', () => {
    const policy = { allowedOrigins: ['https://billing.example.com:8443'] }
    expect(assertSafeUrl('https://billing.example.com:8443/p', policy)).toBe('https://billing.example.com:8443/p')
    expect(outcome('https://billing.example.com/p', policy)).toBe('unsafe_url')
    expect(outcome('https://a.billing.example.com:8443/p', policy)).toBe('unsafe_url')
  })

  it('matches the scheme of an allowedOrigins entry', () => {
    const policy = { allowInsecureLocalhost: true, allowedOrigins: ['http://localhost:5173'] }
    expect(assertSafeUrl('http://localhost:5173/p', policy)).toBe('http://localhost:5173/p')
    expect(outcome('https://localhost:5173/p', policy)).toBe('unsafe_url')
  })

  it('accepts http://localhost and http://127.0.0.1 only when allowInsecureLocalhost is true', () => {
    for (const raw of ['http://localhost:5173/portal', 'http://127.0.0.1:8080/']) {
      expect(outcome(raw)).toBe('unsafe_url')
      expect(outcome(raw, { allowInsecureLocalhost: false })).toBe('unsafe_url')
      expect(assertSafeUrl(raw, { allowInsecureLocalhost: true })).toBe(raw)
    }
  })

  it.each(['http://localhost.evil.com', 'http://127.0.0.1.evil.com', 'http://localhost@evil.com', 'http://evil.com'])(
    'refuses %s even when allowInsecureLocalhost is true',
    (raw) => {
      expect(outcome(raw, { allowInsecureLocalhost: true })).toBe('unsafe_url')
    },
  )

  it.each([
    ['https://secret-token-XYZ.evil.com/?token=SECRET123', JUNCTION],
    ['https://user:SECRET123@a.junction.com/secret-token-XYZ', {}],
    ['javascript:SECRET123//secret-token-XYZ', {}],
    ['https://a.junction.com/secret-token-XYZ\n?SECRET123', {}],
  ])('refuses %j without the URL in the message', (raw, policy) => {
    const message = messageOf(raw, policy).toLowerCase()
    expect(message).not.toContain('secret123')
    expect(message).not.toContain('secret-token-xyz')
  })

  it.each([
    'https://*',
    '*.junction.com',
    'https://a.com/path',
    'https://*.*.com',
    'ftp://a.com',
    'https://user@a.com',
    'https://a.com:99999',
  ])('refuses the allowedOrigins entry %s with a TypeError naming it', (pattern) => {
    expect(() => parseOriginPattern(pattern)).toThrow(TypeError)
    expect(() => assertSafeUrl('https://a.junction.com', { allowedOrigins: [pattern] })).toThrow(
      JSON.stringify(pattern),
    )
  })

  it('refuses an invalid allowedOrigins entry even when an earlier one matches', () => {
    const policy = { allowedOrigins: ['https://*.junction.com', 'https://*'] }
    expect(() => assertSafeUrl('https://a.junction.com', policy)).toThrow(TypeError)
  })
})

describe('assertSafeUrl properties', () => {
  it('refuses every dangerous scheme, however its case is mixed and whatever junk is inserted', () => {
    const dangerous = fc.constantFrom('javascript', 'data', 'vbscript', 'blob', 'file').chain(mangledScheme)
    const raw = fc.tuple(fc.array(junkChar, { maxLength: 2 }), dangerous, fc.constantFrom(':', ':', ':\t'), fc.string())
    fc.assert(
      fc.property(raw, ([pad, scheme, colon, rest]) => {
        const url = `${pad.join('')}${scheme}${colon}${rest}`
        expect(outcome(url)).toBe('unsafe_url')
        expect(outcome(url, { allowInsecureLocalhost: true, ...JUNCTION })).toBe('unsafe_url')
      }),
      RUNS,
    )
  })

  it('refuses an https URL whose scheme is not exactly lowercase "https"', () => {
    const scheme = mangledScheme('https').filter((s) => s !== 'https')
    fc.assert(
      fc.property(scheme, label, pathPart, (s, l, path) => {
        expect(outcome(`${s}://${l}.junction.com/${path}`)).toBe('unsafe_url')
      }),
      RUNS,
    )
  })

  it('refuses a valid URL with a control, whitespace or backslash character inserted anywhere', () => {
    const raw = fc.tuple(label, pathPart, fc.array(fc.tuple(fc.nat(), junkChar), { minLength: 1, maxLength: 3 }))
    fc.assert(
      fc.property(raw, ([l, path, inserts]) => {
        let url = `https://${l}.junction.com/${path}`
        for (const [at, char] of inserts) {
          const i = at % (url.length + 1)
          url = `${url.slice(0, i)}${char}${url.slice(i)}`
        }
        expect(outcome(url)).toBe('unsafe_url')
      }),
      RUNS,
    )
  })

  it('accepts any subdomain of junction.com and refuses look-alikes built from the same label', () => {
    fc.assert(
      fc.property(hostName, pathPart, (l, path) => {
        expect(assertSafeUrl(`https://${l}.junction.com/${path}`, JUNCTION)).toMatch(/^https:\/\//)
        expect(outcome(`https://${l}.junction.com.evil.com/${path}`, JUNCTION)).toBe('unsafe_url')
        expect(outcome(`https://junction.com.${l}/${path}`, JUNCTION)).toBe('unsafe_url')
        expect(outcome(`https://evil.com/${l}.junction.com`, JUNCTION)).toBe('unsafe_url')
        expect(outcome(`https://${l}@${l}.junction.com/${path}`, JUNCTION)).toBe('unsafe_url')
        expect(outcome(`//${l}.junction.com/${path}`, JUNCTION)).toBe('unsafe_url')
      }),
      RUNS,
    )
  })

  it('returns only https URLs on an allowed origin, without credentials', () => {
    const policy = { allowedOrigins: ['https://*.junction.com', 'https://billing.example.com:8443'] }
    const allowed = (origin: string) =>
      origin === 'https://billing.example.com:8443' || /^https:\/\/(?:[a-z0-9-]+\.)+junction\.com$/.test(origin)
    const often = <T>(usual: T, ...rare: T[]) =>
      fc.oneof({ weight: 2 * rare.length, arbitrary: fc.constant(usual) }, fc.constantFrom(...rare))
    const host = fc.oneof(
      { weight: 3, arbitrary: hostName.map((l) => `${l}.junction.com`) },
      hostName.map((l) => `${l}.junction.com.evil.com`),
      hostName.map((l) => `junction.com.${l}`),
      fc.constantFrom('junction.com', 'billing.example.com', 'evil.com', 'a.junction.com#', '127.0.0.1', 'localhost'),
    )
    const composed = fc
      .tuple(
        often('https://', 'http://', 'HTTPS://', '//', 'https:/', 'https:\\\\', 'https:///'),
        often('', 'user:pw@', '@', ':@', 'x@'),
        host,
        often('', ':8443', ':443', ':444', ':0'),
        pathPart,
      )
      .map((parts) => parts.join(''))
    const webUrl = fc.webUrl({
      validSchemes: ['https', 'http', 'javascript', 'HTTPS'],
      authoritySettings: { withUserInfo: true, withPort: true, withIPv4: true },
      withQueryParameters: true,
      withFragments: true,
    })
    const candidate = fc.oneof({ weight: 4, arbitrary: composed }, webUrl, fc.string())
    let accepted = 0
    fc.assert(
      fc.property(candidate, (raw) => {
        if (!isSafeUrl(raw, { ...policy, allowInsecureLocalhost: true })) return
        accepted++
        const href = assertSafeUrl(raw, { ...policy, allowInsecureLocalhost: true })
        const url = new URL(href)
        expect(href.startsWith('https://')).toBe(true)
        expect(allowed(url.origin)).toBe(true)
        expect(url.username + url.password).toBe('')
      }),
      RUNS,
    )
    expect(accepted).toBeGreaterThan(100)
    // Thousands of URLs parsed twice each: on a loaded 2-core machine this takes seconds.
  }, 30_000)
})

describe('assertSafeUrl without allowedOrigins: the vendors’ origins', () => {
  it.each([
    'https://portal.junction.com/p?token=t',
    'https://acme.ehr.junction.com/embed',
    'https://junction.com/p',
    'https://app.tryvital.io/p',
    'https://acme.userhub.app/signin?token=t',
  ])('accepts %s', (raw) => {
    expect(outcome(raw)).toBe('accepted')
  })

  it.each([
    'https://evil.example/phish',
    'https://junction.com.evil.example/p',
    'https://userhub.app/signin',
    'https://portal.junction.com:8443/p',
  ])('refuses %s, naming the default and the option in detail', (raw) => {
    let detail: string | undefined
    try {
      assertSafeUrl(raw)
    } catch (error) {
      detail = error instanceof EmbedError ? error.detail : undefined
    }
    expect(detail).toContain("not one of the vendors' origins, the default of allowedOrigins")
    expect(detail).toContain('https://*.junction.com')
    expect(detail).not.toContain('token')
  })

  it('accepts loopback on any port with allowInsecureLocalhost, and only with it', () => {
    expect(outcome('http://127.0.0.1:4010/pages/p?token=t', { allowInsecureLocalhost: true })).toBe('accepted')
    expect(outcome('http://localhost:61234/p', { allowInsecureLocalhost: true })).toBe('accepted')
    expect(outcome('https://localhost:8443/p', { allowInsecureLocalhost: true })).toBe('accepted')
    expect(outcome('http://127.0.0.1:4010/p')).toBe('unsafe_url')
    expect(outcome('https://localhost:8443/p')).toBe('unsafe_url')
  })

  it('lets a list replace the default, and widen it when it spreads it', () => {
    const custom = { allowedOrigins: ['https://billing.example.com'] }
    expect(outcome('https://portal.junction.com/p', custom)).toBe('unsafe_url')
    expect(outcome('https://billing.example.com/p', custom)).toBe('accepted')
    const widened = { allowedOrigins: [...DEFAULT_VENDOR_URL_ORIGINS, 'https://billing.example.com'] }
    expect(outcome('https://portal.junction.com/p', widened)).toBe('accepted')
    expect(outcome('https://billing.example.com/p', widened)).toBe('accepted')
  })
})
