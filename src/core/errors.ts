/** Every way a signed-URL call, a launch or an embed can fail. */
export type EmbedErrorCode =
  | 'demographics_required'
  | 'validation_error'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'upstream_unavailable'
  | 'network'
  | 'timeout'
  | 'unsafe_url'
  | 'invalid_response'
  | 'popup_blocked'

/** The codes an endpoint answers with (`{"error": code}`): the rest of `EmbedErrorCode` arise in the browser. */
export type WireErrorCode =
  | 'demographics_required'
  | 'validation_error'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'upstream_unavailable'
  | 'timeout'

/** A field the server refused, by dotted path (`address.zip`). */
export interface EmbedFieldError {
  path: string
  message: string
}

export interface EmbedErrorOptions {
  /** HTTP status of the response that failed, when there was one. */
  status?: number | undefined
  /** Refused fields, for `validation_error` and `demographics_required`. */
  fields?: readonly EmbedFieldError[] | undefined
  /** Demographic fields still needed, for `demographics_required`. */
  missing?: readonly string[] | undefined
  /** How long the server asked us to wait, for `rate_limited` (and some 503s). */
  retryAfterMs?: number | undefined
  /**
   * For the developer, never shown by the components: what was compared, which option changes it, which
   * endpoint answered what. Never holds a signed URL or a demographic value. Development builds only.
   */
  detail?: string | undefined
  /** The `X-Request-Id` of the answer that failed, when it carried one. */
  requestId?: string | undefined
  cause?: unknown
}

const DEFAULT_MESSAGES: Record<EmbedErrorCode, string> = {
  demographics_required: 'The patient’s demographics must be completed before the portal can open.',
  validation_error: 'The request was refused because some of its fields are invalid.',
  unauthorized: 'You are signed out. Sign in again, then retry.',
  forbidden: 'You do not have permission to do this.',
  not_found: 'The portal or user was not found.',
  rate_limited: 'Too many requests. Wait a moment, then retry.',
  upstream_unavailable: 'The portal service is unavailable right now. Retry in a moment.',
  network: 'The network request failed. Check the connection, then retry.',
  timeout: 'The request took too long. Retry in a moment.',
  unsafe_url: 'The portal link was refused because its address is not allowed.',
  invalid_response: 'The server answered with something unexpected.',
  popup_blocked: 'The browser blocked the new tab. Use the link to open the portal.',
}

/**
 * The one error type of embedded-portals. Branch on `code`, never on `message`: `message` is for the end
 * user (a clinician, a patient) and never asks them to change configuration; `detail` is for the
 * developer. Neither ever contains a signed URL.
 */
export class EmbedError extends Error {
  override readonly name = 'EmbedError'
  readonly code: EmbedErrorCode
  readonly status: number | undefined
  readonly fields: readonly EmbedFieldError[] | undefined
  readonly missing: readonly string[] | undefined
  readonly retryAfterMs: number | undefined
  /** What the developer needs to fix it (development builds only; `undefined` in production). */
  readonly detail: string | undefined
  /**
   * The `X-Request-Id` of the endpoint's answer that failed, when it carried one: the server's audit event
   * of that request has the same `requestId`.
   */
  readonly requestId: string | undefined

  constructor(code: EmbedErrorCode, message?: string, options: EmbedErrorOptions = {}) {
    super(message ?? DEFAULT_MESSAGES[code], options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.status = options.status
    this.fields = options.fields
    this.missing = options.missing
    this.retryAfterMs = options.retryAfterMs
    this.detail = options.detail
    this.requestId = options.requestId
  }
}

/** The `name` of a thrown value (`TypeError`, `AbortError`), for a `detail`: never its message, which may hold data. */
export function thrownName(value: unknown): string {
  const name = typeof value === 'object' && value !== null ? (value as { name?: unknown }).name : undefined
  return typeof name === 'string' ? name : typeof value
}

/** True for an `EmbedError`, also one from another copy of the library (duplicated bundles). */
export function isEmbedError(value: unknown): value is EmbedError {
  if (value instanceof EmbedError) return true
  if (!(value instanceof Error) || value.name !== 'EmbedError') return false
  const code: unknown = (value as Error & { code?: unknown }).code
  return typeof code === 'string' && EMBED_ERROR_CODES.has(code)
}

export const EMBED_ERROR_CODES: ReadonlySet<string> = new Set<EmbedErrorCode>(
  Object.keys(DEFAULT_MESSAGES) as EmbedErrorCode[],
)
