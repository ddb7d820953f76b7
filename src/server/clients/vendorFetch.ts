import { sanitizeMessage } from '../../core/untrusted.js'
import { readCappedBytes } from '../readCapped.js'
import type { EmbedLogger } from '../types.js'

/** Which vendor API a call went to (for errors and logs; never with keys or bodies). */
export type VendorName = 'junction' | 'junctionManagement' | 'userhub' | 'portalAdmin'

export type VendorFailure = 'http' | 'timeout' | 'network' | 'invalid_response'

/**
 * A vendor call that failed. `body` is the parsed error body for the handler to read fields from; it is
 * never put in `message`, which names only the vendor, the operation and the status.
 */
export class VendorError extends Error {
  override readonly name = 'VendorError'
  readonly vendor: VendorName
  readonly operation: string
  readonly failure: VendorFailure
  readonly status: number | undefined
  readonly body: unknown
  readonly retryAfter: string | null
  /**
   * For a `network` or `timeout` failure: the name and message of what was thrown
   * (`TypeError: fetch failed`), with URLs and the call's header values (its key) taken out, so it is
   * safe to log.
   */
  readonly reason: string | undefined

  constructor(
    vendor: VendorName,
    operation: string,
    failure: VendorFailure,
    details: {
      status?: number
      body?: unknown
      retryAfter?: string | null
      cause?: unknown
      reason?: string | undefined
    } = {},
  ) {
    const what = failure === 'http' ? `answered ${details.status}` : failure.replace('_', ' ')
    super(`${vendor} ${operation}: ${what}`, details.cause === undefined ? undefined : { cause: details.cause })
    this.vendor = vendor
    this.operation = operation
    this.failure = failure
    this.status = details.status
    this.body = details.body
    this.retryAfter = details.retryAfter ?? null
    this.reason = details.reason
  }
}

/** A vendor call as an observer sees it: never an id, a query, a body or a key. */
export interface VendorCallInfo {
  /** Which vendor API is called. */
  vendor: VendorName
  /** What the call does, in words (`create portal URL`). */
  operation: string
  /** The HTTP method. */
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** The URL's origin (`https://api.us.junction.com`). */
  origin: string
  /** The path after the base URL, ids as names (`/v2/user/{user_id}/create_portal_url`). */
  template: string
}

/** How a vendor call ended: the status answered, or the failure that left none. */
export interface VendorCallOutcome {
  /** The HTTP status, when an answer came. */
  status: number | undefined
  /** Why the call failed, when it did. */
  failure: VendorFailure | undefined
}

/** Told of each vendor call as it starts; the function it returns, if any, is told how the call ended. */
export type VendorCallObserver = (call: VendorCallInfo) => ((outcome: VendorCallOutcome) => void) | undefined

/** Settings shared by every vendor client. */
export interface VendorHttpOptions {
  /** A `fetch` to use instead of the global one (tests, proxies). */
  fetch?: typeof fetch | undefined
  /** Per-call timeout in ms. Default 10 000. */
  timeoutMs?: number | undefined
  /**
   * Where the client reports what it tolerated in a vendor's answer (an item it skipped, an `expires_in`
   * out of range), without keys, URLs or personal data. `createEmbedHandler` passes its own `logger`.
   */
  logger?: EmbedLogger | undefined
  /**
   * Told of each call (vendor, operation, method, origin, path template) and of how it ended, for traces
   * and audit trails. `createEmbedHandler` passes its own, which makes OpenTelemetry spans.
   */
  onCall?: VendorCallObserver | undefined
}

export const DEFAULT_VENDOR_TIMEOUT_MS = 10_000
/** Largest vendor answer read, in bytes; a bigger one is an `invalid_response`. */
export const MAX_VENDOR_BODY_BYTES = 32 * 1024 * 1024

export interface VendorCall {
  vendor: VendorName
  operation: string
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  url: string
  /** The path after the base URL with its ids as names, for observers. */
  template: string
  headers: Record<string, string>
  body?: unknown
  signal?: AbortSignal | undefined
  /** This call's timeout, instead of the client's. */
  timeoutMs?: number | undefined
  /** False for calls whose 2xx answer carries nothing to read; whatever body comes is then ignored. */
  readsBody?: boolean | undefined
}

/**
 * Percent-encodes one path segment, so that ids like `a/b` or `a@b` stay inside their segment. An empty
 * id, `.` or `..` would address another resource (URL parsers resolve `%2E%2E` as `..` too): it throws a
 * `RangeError` and nothing is sent.
 */
export function segment(value: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new RangeError(`An id cannot be empty, "." or "..": ${JSON.stringify(value.slice(0, 20))}.`)
  }
  return encodeURIComponent(value).replace(/\./g, '%2E')
}

/** A path after a vendor's base URL and its template: ids percent-encoded into the one, named in the other. */
export interface VendorPath {
  path: string
  template: string
}

/** Fills `template`'s `{name}` placeholders with `ids`, each encoded as one path segment (`segment`). */
export function vendorPath(template: string, ids: Record<string, string> = {}): VendorPath {
  return { template, path: template.replace(/\{(\w+)\}/g, (_, name: string) => segment(ids[name] ?? '')) }
}

/**
 * What was thrown, as `Name: message`, safe to log: the call's header values (its key) and URLs (the
 * vendor's, which may name a user) are taken out.
 */
function reasonOf(thrown: unknown, headers: Record<string, string>): string {
  const name = thrown instanceof Error ? thrown.name : typeof thrown
  let message = thrown instanceof Error ? thrown.message : ''
  for (const value of Object.values(headers)) {
    if (value.length >= 4) message = message.split(value).join('[redacted]')
  }
  const clean = sanitizeMessage(message)
  return clean ? `${name}: ${clean}` : name
}

/** A 3xx is refused rather than followed: a key must not travel to wherever a vendor (or a proxy) points. */
function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)
}

/** Lets go of a body without reading it. Not waited for: some bodies (a mocked one) settle it only once read. */
function discard(body: ReadableStream<Uint8Array> | null): void {
  body?.cancel().catch(() => undefined)
}

/** The body's text, read up to `MAX_VENDOR_BODY_BYTES`; null when it is bigger. */
async function readCapped(response: Response): Promise<string | null> {
  if (Number(response.headers.get('content-length') ?? '0') > MAX_VENDOR_BODY_BYTES) {
    discard(response.body)
    return null
  }
  const bytes = await readCappedBytes(response.body, MAX_VENDOR_BODY_BYTES)
  return bytes === null ? null : new TextDecoder().decode(bytes)
}

/**
 * One JSON call to a vendor: timeout, JSON in and out, and every failure as a `VendorError`.
 * Returns the parsed body of a 2xx answer (`undefined` when empty).
 */
export async function vendorFetch(options: VendorHttpOptions, call: VendorCall): Promise<unknown> {
  const ended = options.onCall?.({
    vendor: call.vendor,
    operation: call.operation,
    method: call.method,
    origin: new URL(call.url).origin,
    template: call.template,
  })
  if (!ended) return (await sendVendorCall(options, call)).body
  try {
    const answer = await sendVendorCall(options, call)
    ended({ status: answer.status, failure: undefined })
    return answer.body
  } catch (error) {
    ended(
      error instanceof VendorError
        ? { status: error.status, failure: error.failure }
        : { status: undefined, failure: 'network' },
    )
    throw error
  }
}

async function sendVendorCall(
  options: VendorHttpOptions,
  call: VendorCall,
): Promise<{ status: number; body: unknown }> {
  const timeoutMs = call.timeoutMs ?? options.timeoutMs ?? DEFAULT_VENDOR_TIMEOUT_MS
  const controller = new AbortController()
  const onAbort = () => controller.abort(call.signal?.reason)
  call.signal?.addEventListener('abort', onAbort, { once: true })
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const doFetch = options.fetch ?? globalThis.fetch
  try {
    let response: Response
    try {
      response = await doFetch(call.url, {
        method: call.method,
        headers: {
          accept: 'application/json',
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...call.headers,
        },
        body: call.body === undefined ? null : JSON.stringify(call.body),
        signal: controller.signal,
        // Not 'error': workerd refuses that value. A redirect that arrives is refused below.
        redirect: 'manual',
      })
    } catch (cause) {
      throw new VendorError(call.vendor, call.operation, timedOut ? 'timeout' : 'network', {
        cause,
        reason: reasonOf(cause, call.headers),
      })
    }
    if (isRedirect(response)) {
      discard(response.body)
      const cause = new TypeError(`redirect refused: the vendor answered ${response.status || 'an opaque redirect'}`)
      throw new VendorError(call.vendor, call.operation, 'network', { cause, reason: reasonOf(cause, call.headers) })
    }
    if (response.ok && call.readsBody === false) {
      discard(response.body)
      return { status: response.status, body: undefined }
    }
    let text: string | null
    try {
      text = await readCapped(response)
    } catch (cause) {
      throw new VendorError(call.vendor, call.operation, timedOut ? 'timeout' : 'network', {
        cause,
        reason: reasonOf(cause, call.headers),
      })
    }
    if (text === null) {
      throw new VendorError(call.vendor, call.operation, 'invalid_response', { status: response.status })
    }
    let body: unknown
    try {
      body = text.trim() === '' ? undefined : (JSON.parse(text) as unknown)
    } catch {
      if (response.ok)
        throw new VendorError(call.vendor, call.operation, 'invalid_response', { status: response.status })
      body = undefined
    }
    if (!response.ok) {
      throw new VendorError(call.vendor, call.operation, 'http', {
        status: response.status,
        body,
        retryAfter: response.headers.get('retry-after'),
      })
    }
    return { status: response.status, body }
  } finally {
    clearTimeout(timer)
    call.signal?.removeEventListener('abort', onAbort)
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Throws `invalid_response` unless `check` holds for the body. */
export function expectShape<T>(
  vendor: VendorName,
  operation: string,
  body: unknown,
  read: (body: unknown) => T | null,
): T {
  const value = read(body)
  if (value === null) throw new VendorError(vendor, operation, 'invalid_response', { status: 200 })
  return value
}
