import { EMBED_ERROR_CODES, EmbedError, type EmbedErrorCode, type EmbedFieldError } from './errors.js'
import { framedSignedOutDetail } from './framing.js'
import { expiresAtFrom, SINGLE_USE_LIFETIME_MS, type SignedUrl } from './lifecycle.js'
import { parseRetryAfter } from './retry.js'
import { isRecord, sanitizeMessage } from './untrusted.js'
import { assertSafeUrl, type UrlPolicy } from './urlSafety.js'

/** What the response carried besides its body, for the parts of it that depend on headers. */
export interface ResponseContext {
  /** When the response arrived, by the user's clock. */
  receivedAt: number
  /** The response's `Date` header, if any. */
  date: string | null
  /** The call, as the developer should read it in a `detail`: `POST https://app.example/api/portals/signed-url`. */
  call?: string | undefined
  /** The answer's `X-Request-Id`, when it carried one. */
  requestId?: string | undefined
}

function invalid(context: ResponseContext, what: string): EmbedError {
  return new EmbedError('invalid_response', undefined, {
    detail:
      process.env.NODE_ENV !== 'production'
        ? `${context.call ?? 'The endpoint'} answered ${what}, where the wire protocol has {"url", "expires_in"} ` +
          'or {"redirectUrl"}. Check the server that serves EmbedProvider\'s endpoint.'
        : undefined,
  })
}

/**
 * Normalises a success body of `POST {endpoint}/signed-url`, `{url, expires_in}` or `{redirectUrl}`,
 * into a `SignedUrl`, after checking the URL against `policy`. Expiry counts from when the answer
 * arrived, by the user's clock, which is never compared with the server's.
 */
export function parseSignedUrlBody(body: unknown, context: ResponseContext, policy: UrlPolicy): SignedUrl {
  const dev = process.env.NODE_ENV !== 'production'
  if (!isRecord(body)) throw invalid(context, dev ? 'a body that is not a JSON object' : '')
  const { receivedAt, requestId } = context
  if (typeof body.redirectUrl === 'string' && body.url === undefined) {
    const url = assertSafeUrl(body.redirectUrl, policy)
    return { url, receivedAt, expiresAt: receivedAt + SINGLE_USE_LIFETIME_MS, singleUse: true, requestId }
  }
  if (typeof body.url !== 'string') throw invalid(context, dev ? 'no "url" string' : '')
  if (typeof body.expires_in !== 'number' || !Number.isFinite(body.expires_in)) {
    throw invalid(context, dev ? 'no "expires_in" number of seconds' : '')
  }
  const url = assertSafeUrl(body.url, policy)
  return { url, receivedAt, expiresAt: expiresAtFrom(receivedAt, body.expires_in), singleUse: false, requestId }
}

/** Codes only the client gives: a server's `{"error": code}` never claims them. */
const CLIENT_CODES: readonly string[] = ['network', 'unsafe_url', 'invalid_response', 'popup_blocked']

const STATUS_CODES: Readonly<Record<number, EmbedErrorCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'timeout',
  429: 'rate_limited',
}

function parseFields(value: unknown): EmbedFieldError[] | undefined {
  if (!Array.isArray(value)) return undefined
  const fields = value.filter(
    (item): item is EmbedFieldError =>
      isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string',
  )
  return fields.map(({ path, message }) => ({ path, message: sanitizeMessage(message) }))
}

function parseMissing(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined
  return value.filter((item): item is string => typeof item === 'string' && item.length <= 200)
}

/**
 * Maps an error response to an `EmbedError`: the body's `error` code when it is a known server code,
 * else the status's; `fields`, `missing` and `Retry-After` carried over. The `message` is the library's
 * own text for people; what the server said goes into `detail` (development builds), since a server
 * message may be written for the developer (a cross-site refusal naming the origins it compared).
 */
export function errorFromResponse(
  status: number,
  body: unknown,
  headers: Headers,
  context: ResponseContext,
): EmbedError {
  const record = isRecord(body) ? body : {}
  const claimed = record.error
  const code =
    typeof claimed === 'string' && EMBED_ERROR_CODES.has(claimed) && !CLIENT_CODES.includes(claimed)
      ? (claimed as EmbedErrorCode)
      : (STATUS_CODES[status] ?? (status >= 500 ? 'upstream_unavailable' : 'validation_error'))
  let detail: string | undefined
  if (process.env.NODE_ENV !== 'production') {
    const type = headers.get('content-type')?.split(';')[0]
    const answered = `${context.call ?? 'The endpoint'} answered ${status}${type ? ` ${type}` : ''}`
    const said = typeof record.message === 'string' ? sanitizeMessage(record.message) : ''
    detail =
      typeof record.error === 'string'
        ? `${answered} with error "${sanitizeMessage(record.error)}"${said ? `: ${said}` : '.'}`
        : `${answered}, which is not the wire protocol's {"error", "message"}: is the endpoint mounted where ` +
          "EmbedProvider's endpoint points (and the server route under that same path)?"
    const framed = code === 'unauthorized' ? framedSignedOutDetail() : undefined
    if (framed) detail = `${detail} ${framed}`
  }
  return new EmbedError(code, undefined, {
    status,
    fields: parseFields(record.fields),
    missing: parseMissing(record.missing),
    retryAfterMs: parseRetryAfter(headers.get('retry-after'), context.date, context.receivedAt),
    detail,
    requestId: context.requestId,
  })
}
