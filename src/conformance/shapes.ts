import type { Answer } from './probe.js'

const URL_IN_TEXT = /https?:\/\/[^\s"'<>`]+/gi

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Text for the report: every URL cut to its origin (a signed URL is a secret), long text cut short. */
export function redact(text: string, max = 120): string {
  const cut = text.replace(URL_IN_TEXT, (url) => {
    try {
      return `${new URL(url).origin}/…`
    } catch {
      return '…'
    }
  })
  const flat = cut.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

/** What an answer was, in a few words: status, content type, and the body's start (redacted). */
export function describe(answer: Answer): string {
  const type = answer.headers.get('content-type')?.split(';')[0]?.trim() || 'no content type'
  const body = answer.text === '' ? 'an empty body' : JSON.stringify(redact(answer.text))
  return `${answer.status} ${type} ${body}`
}

function isJson(answer: Answer): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(answer.headers.get('content-type') ?? '')
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

/** Why `answer` is not a usable signed URL (`{url, expires_in}`, or `{redirectUrl}` when allowed). */
export function signedUrlProblem(answer: Answer, allowRedirect: boolean): string | null {
  const expected = allowRedirect ? '200 {"redirectUrl"} or {"url", "expires_in"}' : '200 {"url", "expires_in"}'
  if (answer.status !== 200 || !isJson(answer) || !isRecord(answer.json)) {
    return `expected ${expected}, saw ${describe(answer)}`
  }
  const body = answer.json
  if (allowRedirect && typeof body.redirectUrl === 'string' && body.url === undefined) {
    return urlProblem(body.redirectUrl, 'redirectUrl')
  }
  if (typeof body.url !== 'string') return `expected a "url" string, saw ${describe(answer)}`
  if (typeof body.expires_in !== 'number' || !Number.isFinite(body.expires_in)) {
    return `expected "expires_in" as a number of seconds, saw ${JSON.stringify(body.expires_in)} (${typeof body.expires_in})`
  }
  if (body.expires_in <= 0) return `expected a positive "expires_in", saw ${body.expires_in}`
  return urlProblem(body.url, 'url')
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
