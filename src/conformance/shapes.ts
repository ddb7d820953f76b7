import type { Answer } from './probe.js'

// A URL in text, its slashes possibly JSON-escaped (`https:\/\/…`, as PHP writes them).
const URL_IN_TEXT = /https?:(?:\\?\/){2}[^\s"'<>`]+/gi
/** Members whose text the report may show (URLs in it cut): the protocol's own words, never the patient's. */
const SHOWN_MEMBERS = new Set(['error', 'message', 'path', 'missing', 'kind', 'context', 'modality', 'environment'])
/** What stands for a value the report does not show. */
const HIDDEN = '…'

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A URL as the report shows it: its origin alone, with `/…` only when a path, query or fragment was cut. */
export function shownUrl(raw: string): string {
  const text = raw.replaceAll('\\/', '/').replace(/[).,;:!?\]}]+$/, '')
  try {
    const url = new URL(text)
    const cut = (url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== ''
    return url.origin === 'null' ? HIDDEN : `${url.origin}${cut ? '/…' : ''}`
  } catch {
    return HIDDEN
  }
}

/** Text for the report: every URL cut to its origin (a signed URL is a secret), long text cut short. */
export function redact(text: string, max = 120): string {
  const cut = text.replace(URL_IN_TEXT, (url) => {
    const trailing = /[).,;:!?\]}]+$/.exec(url.replaceAll('\\/', '/'))?.[0] ?? ''
    return `${shownUrl(url)}${trailing}`
  })
  const flat = cut.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

/**
 * A parsed JSON body as the report may show it: the protocol's own words kept (URLs in them cut), every
 * URL cut to its origin, and any other text (a name, an address, an id) replaced by `…`.
 */
export function redactJson(value: unknown, member = ''): unknown {
  if (typeof value === 'string') {
    if (SHOWN_MEMBERS.has(member)) return redact(value, 300)
    return /^https?:\/\//i.test(value) ? shownUrl(value) : HIDDEN
  }
  if (Array.isArray(value)) return value.map((item) => redactJson(item, member))
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactJson(item, key)]))
  }
  return value
}

/** What an answer was, in a few words: status, content type, and the body's start (redacted). */
export function describe(answer: Answer): string {
  const type = answer.headers.get('content-type')?.split(';')[0]?.trim() || 'no content type'
  if (answer.text === '') return `${answer.status} ${type} an empty body`
  const shown = answer.json === undefined ? redact(answer.text) : redact(JSON.stringify(redactJson(answer.json)))
  return `${answer.status} ${type} ${JSON.stringify(shown)}`
}

export function isJson(answer: Answer): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(answer.headers.get('content-type') ?? '')
}

/** The wire error code each status answers with (422 has two). */
export const CODES_BY_STATUS: Record<number, readonly string[]> = {
  400: ['validation_error'],
  401: ['unauthorized'],
  403: ['forbidden'],
  404: ['not_found'],
  405: ['validation_error'],
  408: ['timeout'],
  413: ['validation_error'],
  415: ['validation_error'],
  422: ['validation_error', 'demographics_required'],
  429: ['rate_limited'],
  500: ['upstream_unavailable'],
  502: ['upstream_unavailable'],
  503: ['upstream_unavailable'],
  504: ['timeout'],
}

/**
 * Why `answer` is not the wire protocol's error `{"error": code, "message"}` with this status and code,
 * or null when it is.
 */
export function wireErrorProblem(answer: Answer, status: number, code: string): string | null {
  if (answer.status !== status) return `expected ${status} {"error": "${code}"}, saw ${describe(answer)}`
  if (!isJson(answer) || !isRecord(answer.json)) return `expected a JSON error body, saw ${describe(answer)}`
  if (answer.json.error !== code) return `expected "error": "${code}", saw ${describe(answer)}`
  if (typeof answer.json.message !== 'string' || answer.json.message === '') {
    return `expected a "message" string for people, saw ${describe(answer)}`
  }
  return null
}

/** Why `answer` is not a 422 `validation_error` whose `fields` name `path`, or null. */
export function fieldProblem(answer: Answer, path: string): string | null {
  const problem = wireErrorProblem(answer, 422, 'validation_error')
  if (problem) return problem
  const fields = isRecord(answer.json) ? answer.json.fields : undefined
  const named =
    Array.isArray(fields) &&
    fields.every((f) => isRecord(f) && typeof f.path === 'string' && typeof f.message === 'string') &&
    fields.some((f) => isRecord(f) && f.path === path)
  return named ? null : `expected "fields" naming ${JSON.stringify(path)}, saw ${describe(answer)}`
}

/** Seconds in 60 days: the longest life of any vendor's signed URL (a `communications` link lives weeks). */
export const MAX_EXPIRES_IN_S = 60 * 24 * 3600
/** A URL meant for an immediate click lives minutes: over a day, `expires_in` is milliseconds. */
export const MAX_CLICK_EXPIRES_IN_S = 24 * 3600

/**
 * Why `answer` is not a usable signed URL (`{url, expires_in}`, or `{redirectUrl}` when allowed), or null.
 * `maxExpiresIn` is the longest life the URL may have, in seconds.
 */
export function signedUrlProblem(answer: Answer, allowRedirect: boolean, maxExpiresIn: number): string | null {
  const expected = allowRedirect ? '200 {"redirectUrl"} or {"url", "expires_in"}' : '200 {"url", "expires_in"}'
  if (answer.status !== 200 || !isJson(answer) || !isRecord(answer.json)) {
    return `expected ${expected}, saw ${describe(answer)}`
  }
  const body = answer.json
  if (body.url !== undefined && body.redirectUrl !== undefined) {
    return 'expected one of "url" and "redirectUrl", saw both (the client reads such a body as neither)'
  }
  if (allowRedirect && typeof body.redirectUrl === 'string') return urlProblem(body.redirectUrl, 'redirectUrl')
  if (typeof body.url !== 'string') return `expected a "url" string, saw ${describe(answer)}`
  return expiresInProblem(body.expires_in, maxExpiresIn) ?? urlProblem(body.url, 'url')
}

function expiresInProblem(value: unknown, max: number): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return `expected "expires_in" as an integer number of seconds, saw ${JSON.stringify(value)} (${typeof value})`
  }
  if (value < 10) return `expected "expires_in" of at least 10 s (the client refuses less), saw ${value}`
  if (value > MAX_EXPIRES_IN_S) {
    return `expected "expires_in" in seconds, at most ${MAX_EXPIRES_IN_S} (60 days), saw ${value}: a timestamp, or milliseconds?`
  }
  if (value > max) {
    return `expected "expires_in" in seconds, at most ${max} for a URL meant for an immediate click (it lives minutes), saw ${value}: milliseconds?`
  }
  return null
}

function urlProblem(value: string, field: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `expected "${field}" to be an absolute URL, saw ${JSON.stringify(redact(value))}`
  }
  const loopback = /^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return `expected an https "${field}", saw the scheme ${url.protocol}`
  }
  return null
}

/** Why `answer` is not `200 {"demographics": object | null, "missing": string[]}`, or null. */
export function demographicsProblem(answer: Answer): string | null {
  const expected = '200 {"demographics": object | null, "missing": string[]}'
  if (answer.status !== 200 || !isJson(answer) || !isRecord(answer.json)) {
    return `expected ${expected}, saw ${describe(answer)}`
  }
  const { demographics, missing } = answer.json
  if (demographics !== null && !isRecord(demographics))
    return `expected ${expected}, saw "demographics" of another type`
  if (!Array.isArray(missing) || !missing.every((path) => typeof path === 'string')) {
    return `expected ${expected}, saw "missing" that is not a list of paths`
  }
  return null
}
