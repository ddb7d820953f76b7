import { EmbedError } from './errors.js'

/**
 * Where the vendors' signed URLs live: Junction's portal and dashboards (and its older `tryvital.io`
 * hosts), and UserHub's portals. The default of every `allowedOrigins` that decides where a signed URL
 * may point; a list passed instead replaces it (a custom portal domain, a simulator).
 */
export const DEFAULT_VENDOR_URL_ORIGINS: readonly string[] = [
  'https://junction.com',
  'https://*.junction.com',
  'https://tryvital.io',
  'https://*.tryvital.io',
  'https://*.userhub.app',
  'https://*.userhub.com',
]

/** What a signed URL must satisfy before it is opened, framed or rendered as a link. */
export interface UrlPolicy {
  /**
   * Also accept `http://localhost` and `http://127.0.0.1` (development and simulators only). Without
   * `allowedOrigins`, on any port; with it, only on the origins it lists.
   */
  allowInsecureLocalhost?: boolean | undefined
  /**
   * Origins the URL must be on, such as `https://*.junction.com` or `https://billing.example.com:8443`.
   * Default: `DEFAULT_VENDOR_URL_ORIGINS`, the vendors' own; a list replaces it.
   */
  allowedOrigins?: readonly string[] | undefined
}

interface OriginPattern {
  protocol: string
  /** Lowercase, punycoded host; with `wildcard`, the part after `*.`. */
  host: string
  port: string
  wildcard: boolean
}

// Control characters anywhere, and whitespace: the URL parser silently strips some of them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const FORBIDDEN_CHARS = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff\\]/
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1'])

/**
 * Parses an `allowedOrigins` entry. Throws a `TypeError` naming the entry when it is not of the form
 * `scheme://host[:port]` or `scheme://*.host[:port]`.
 */
export function parseOriginPattern(pattern: string): OriginPattern {
  const match = /^(https?):\/\/(\*\.)?([^/?#@*\s]+)$/.exec(pattern)
  let parsed: OriginPattern | undefined
  if (match) {
    try {
      const url = new URL(`${match[1]}://${match[3]}`)
      if (url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password) {
        parsed = { protocol: url.protocol, host: url.hostname, port: url.port, wildcard: match[2] === '*.' }
      }
    } catch {
      parsed = undefined
    }
  }
  if (!parsed) {
    throw new TypeError(
      `embedded-portals: allowedOrigins entry ${JSON.stringify(pattern)} is not an origin.` + patternHint(),
    )
  }
  return parsed
}

/**
 * Does this (already parsed, safe) URL sit on one of the allowed origins? Every entry is parsed first, so
 * an invalid entry throws whatever the URL, not only when no earlier entry matched.
 */
export function originMatches(url: URL, patterns: readonly string[]): boolean {
  return patterns.map(parseOriginPattern).some((pattern) => {
    if (pattern.protocol !== url.protocol || pattern.port !== url.port) return false
    if (!pattern.wildcard) return url.hostname === pattern.host
    return url.hostname.endsWith(`.${pattern.host}`) && url.hostname.length > pattern.host.length + 1
  })
}

/** Why a URL was refused, for the development `detail`. */
type Refusal =
  | 'not-a-string'
  | 'characters'
  | 'scheme'
  | 'unparsable'
  | 'credentials'
  | 'no-host'
  | 'insecure'
  | 'not-a-vendor'
  | 'not-allowed'

// Each `process.env.NODE_ENV` read below sits in a `try`, with the text behind the `if`: a bundler that
// replaces it folds the branch away (and with it `describeRefusal`), and a runtime with no `process`
// global (Workers) or no permission to read the environment (Deno without --allow-env) gets no text.

function patternHint(): string {
  try {
    if (process.env.NODE_ENV !== 'production') return ' Use "https://host", "https://host:port" or "https://*.host".'
  } catch {
    // Production: no `process`, or no permission to read it.
  }
  return ''
}

function refuse(refusal: Refusal, raw: string, url?: URL, policy?: UrlPolicy): EmbedError {
  let detail: string | undefined
  try {
    if (process.env.NODE_ENV !== 'production') detail = describeRefusal(refusal, raw, url, policy)
  } catch {
    // Production: no `process`, or no permission to read it.
  }
  return new EmbedError('unsafe_url', undefined, { detail })
}

/** The development `detail` of a refusal: the origin and the option that would allow it, never the URL. */
function describeRefusal(refusal: Refusal, raw: string, url?: URL, policy?: UrlPolicy): string {
  const origin = url?.origin
  switch (refusal) {
    case 'not-a-string':
      return 'The endpoint answered no URL string where a signed URL was expected.'
    case 'characters':
      return 'The signed URL contains whitespace, control characters or backslashes.'
    case 'scheme':
      return `The signed URL ${/^[a-z][a-z0-9+.-]{0,30}:/i.test(raw) ? `has the scheme ${raw.slice(0, raw.indexOf(':') + 1)}` : 'has no scheme'}; only https: URLs are opened.`
    case 'unparsable':
      return 'The signed URL does not parse as a URL.'
    case 'credentials':
      return 'The signed URL carries credentials (user@ or user:password@ before its host).'
    case 'no-host':
      return 'The signed URL has no host.'
    case 'insecure':
      return url && LOOPBACK_HOSTS.has(url.hostname)
        ? `The signed URL's origin ${origin} is plain http on loopback: set allowInsecureLocalhost ` +
            'in development (a simulator), never in production.'
        : `The signed URL's origin ${origin} is plain http: only https: URLs are opened.`
    case 'not-a-vendor':
      return (
        `The signed URL's origin ${origin} is not one of the vendors' origins, the default of ` +
        `allowedOrigins (${DEFAULT_VENDOR_URL_ORIGINS.join(', ')}): set allowedOrigins to list it ` +
        "with them if it is the vendor's (a custom portal domain)."
      )
    case 'not-allowed':
      return (
        `The signed URL's origin ${origin} is not in allowedOrigins (${policy?.allowedOrigins?.join(', ')}): ` +
        "add it there if it is the vendor's."
      )
  }
}

/**
 * Returns the normalised `href` of a URL that is safe to open, frame or link to, or throws an
 * `EmbedError` with code `unsafe_url`. Safe means: a string starting with exactly `https://` (or
 * `http://` to localhost when allowed), with no whitespace, control characters, backslashes or
 * credentials, on one of `allowedOrigins`: by default the vendors' own (`DEFAULT_VENDOR_URL_ORIGINS`, and
 * loopback on any port with `allowInsecureLocalhost`). The URL itself never appears in the error; its
 * `detail` (development builds) names the origin and the option that would allow it.
 */
export function assertSafeUrl(raw: unknown, policy: UrlPolicy = {}): string {
  if (typeof raw !== 'string' || raw.length === 0) throw refuse('not-a-string', '')
  if (FORBIDDEN_CHARS.test(raw)) throw refuse('characters', raw)
  const secure = raw.startsWith('https://')
  if (!secure && !raw.startsWith('http://')) throw refuse('scheme', raw)
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw refuse('unparsable', raw)
  }
  // The parser drops an empty `@` before the host; the raw text still shows it.
  if (url.username || url.password || /^https?:\/\/[^/?#]*@/.test(raw)) throw refuse('credentials', raw)
  if (!url.hostname) throw refuse('no-host', raw)
  if (!secure && !(policy.allowInsecureLocalhost && LOOPBACK_HOSTS.has(url.hostname))) {
    throw refuse('insecure', raw, url)
  }
  if (policy.allowedOrigins === undefined) {
    // Loopback is already held to `allowInsecureLocalhost` above, whatever its scheme.
    if (LOOPBACK_HOSTS.has(url.hostname) && policy.allowInsecureLocalhost) return url.href
    if (!originMatches(url, DEFAULT_VENDOR_URL_ORIGINS)) throw refuse('not-a-vendor', raw, url)
  } else if (!originMatches(url, policy.allowedOrigins)) {
    throw refuse('not-allowed', raw, url, policy)
  }
  return url.href
}

/** `assertSafeUrl` as a predicate. */
export function isSafeUrl(raw: unknown, policy: UrlPolicy = {}): raw is string {
  try {
    assertSafeUrl(raw, policy)
    return true
  } catch {
    return false
  }
}
