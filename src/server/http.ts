import type { EmbedFieldError, WireErrorCode } from '../core/errors.js'
import { originMatches } from '../core/urlSafety.js'
import { readCappedBytes } from './readCapped.js'

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 16 * 1024
/**
 * Largest bulk-invite body: 500 people with an address of 254 characters and names of 200 each, written
 * with `\u` escapes, fit in it.
 */
export const MAX_INVITE_BODY_BYTES = 1024 * 1024
/** How long a request body may take to arrive, in ms, unless `bodyTimeoutMs` says otherwise. */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
}

/** A JSON answer that no cache keeps. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
  })
}

/** An error in the wire protocol's shape. */
export class WireError extends Error {
  override readonly name = 'WireError'
  constructor(
    readonly status: number,
    readonly code: WireErrorCode,
    message: string,
    readonly extra: { fields?: EmbedFieldError[]; missing?: string[]; headers?: Record<string, string> } = {},
  ) {
    super(message)
  }

  toResponse(): Response {
    const body: Record<string, unknown> = { error: this.code, message: this.message }
    if (this.extra.fields) body.fields = this.extra.fields
    if (this.extra.missing) body.missing = this.extra.missing
    return json(body, this.status, this.extra.headers)
  }
}

/** How a route reads its body: at most `limit` bytes, arrived within `timeoutMs`. */
export interface BodyLimits {
  limit: number
  timeoutMs: number
}

/**
 * Reads a JSON object body: JSON content type, UTF-8, at most `limit` bytes, arrived within `timeoutMs`
 * (else 408), an object. Each route calls it only once it knows who asks and that they may.
 */
export async function readJsonObject(
  request: Request,
  { limit, timeoutMs }: BodyLimits,
): Promise<Record<string, unknown>> {
  if (request.bodyUsed) {
    throw new WireError(
      400,
      'validation_error',
      'The request body was read before createEmbedHandler got it: mount the handler before any body parser.',
    )
  }
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new WireError(415, 'validation_error', 'Send the body as JSON, with Content-Type: application/json.')
  }
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > limit) throw tooLarge(limit)
  const text = await readLimited(request, limit, timeoutMs)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new WireError(400, 'validation_error', 'The body is not valid JSON.')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WireError(422, 'validation_error', 'The body must be a JSON object.')
  }
  return value as Record<string, unknown>
}

function tooLarge(limit: number): WireError {
  return new WireError(413, 'validation_error', `The body is larger than ${limit / 1024} KB.`)
}

async function readLimited(request: Request, limit: number, timeoutMs: number): Promise<string> {
  const late = new WireError(408, 'timeout', 'The request took too long to arrive. Try again.')
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(late), timeoutMs)
  let bytes: Uint8Array | null
  try {
    bytes = await readCappedBytes(request.body, limit, deadline.signal)
  } finally {
    clearTimeout(timer)
  }
  if (bytes === null) throw tooLarge(limit)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // Replacing bad bytes with U+FFFD would store a name nobody typed.
    throw new WireError(400, 'validation_error', 'The body is not valid UTF-8.')
  }
}

/**
 * Refuses writes from another site (CSRF). A browser sends `Origin` on every write; it must be this
 * server's own origin (as the request's URL says) or one of `allowedOrigins`. Without `Origin`,
 * `Sec-Fetch-Site` must not say cross-site. Calls with neither come from no browser and pass. Returns
 * the refusal, whose message names the origin received and the option that would allow it, or null.
 */
export function crossSiteRefusal(request: Request, allowedOrigins: readonly string[] | undefined): WireError | null {
  const origin = request.headers.get('origin')
  const own = new URL(request.url).origin
  if (origin !== null) {
    if (origin === own) return null
    let parsed: URL | null = null
    try {
      parsed = origin === 'null' ? null : new URL(origin)
    } catch {
      parsed = null
    }
    if (parsed && allowedOrigins && originMatches(parsed, allowedOrigins)) return null
    const shown = JSON.stringify(origin.slice(0, 200))
    return new WireError(
      403,
      'forbidden',
      `Cross-site request refused: its Origin ${shown} is neither this server's origin (${own}) nor in the server's allowedOrigins option.`,
    )
  }
  const site = request.headers.get('sec-fetch-site')
  if (site === 'cross-site' || site === 'same-site') {
    return new WireError(
      403,
      'forbidden',
      `Cross-site request refused: Sec-Fetch-Site says ${site} and no Origin was sent.`,
    )
  }
  return null
}
