import { EmbedError, thrownName } from './errors.js'
import { errorFromResponse, parseSignedUrlBody, type ResponseContext } from './guards.js'
import { DEFAULT_REQUEST_TIMEOUT_MS, type SignedUrl } from './lifecycle.js'
import type { Target } from './target.js'
import type { UrlPolicy } from './urlSafety.js'

/** Headers sent with every call to the host's endpoint; a function is called per request (CSRF tokens). */
export type EmbedHeaders = HeadersInit | (() => HeadersInit | Promise<HeadersInit>)

/** How to reach the host's endpoint, and the rules for what comes back. `EmbedProvider` builds one. */
export interface EmbedClientConfig extends UrlPolicy {
  /** Base path or URL of the host's endpoint, such as `/api/portals`. */
  endpoint: string
  headers?: EmbedHeaders | undefined
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch | undefined
  /** Per-request timeout in ms (default 15 000). */
  timeoutMs?: number | undefined
  /** Refresh this long before expiry instead of min(30 s, lifetime / 4). */
  refreshMarginMs?: number | undefined
}

export interface WireRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path under the endpoint, starting with `/`. */
  path: string
  body?: unknown
  signal?: AbortSignal | undefined
}

export interface WireResponse {
  status: number
  body: unknown
  context: ResponseContext
}

/** `endpoint + path`, resolved against the document when the endpoint is a path (as `fetch` would in a page). */
function joinUrl(endpoint: string, path: string): string {
  const joined = `${endpoint.replace(/\/+$/, '')}${path}`
  if (typeof document === 'undefined' || /^[a-z][a-z0-9+.-]*:/i.test(joined)) return joined
  return new URL(joined, document.baseURI).href
}

/**
 * One JSON call to the host's endpoint: `credentials: 'same-origin'`, the configured headers, a timeout
 * (which holds even for a custom `fetch` that ignores its signal), and every failure as an `EmbedError`.
 * An abort through `request.signal` rejects with the signal's reason.
 */
export async function requestJson(config: EmbedClientConfig, request: WireRequest): Promise<WireResponse> {
  const { signal: outer, method } = request
  // Aborted already: nothing is prepared or sent, and the caller gets its own reason back.
  outer?.throwIfAborted()
  const url = joinUrl(config.endpoint, request.path)
  const timeoutMs = config.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  const controller = new AbortController()
  const { signal } = controller
  // Whatever stops the call (the caller's signal, the timeout) settles it at once, even while a custom
  // `fetch` that ignores its signal is still waiting.
  const stopped = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason))
  })
  const forward = () => controller.abort(outer?.reason)
  outer?.addEventListener('abort', forward)
  const timer = setTimeout(() => {
    controller.abort(
      new EmbedError('timeout', undefined, {
        detail:
          process.env.NODE_ENV !== 'production'
            ? `${method} ${url} did not answer within ${timeoutMs} ms (EmbedProvider's timeoutMs).`
            : undefined,
      }),
    )
  }, timeoutMs)

  const exchange = async (): Promise<WireResponse> => {
    let response: Response
    let prepared = false
    try {
      const headers = new Headers(typeof config.headers === 'function' ? await config.headers() : config.headers)
      headers.set('accept', 'application/json')
      if (request.body !== undefined) headers.set('content-type', 'application/json')
      prepared = true
      signal.throwIfAborted()
      response = await (config.fetch ?? globalThis.fetch)(url, {
        method,
        headers,
        body: request.body === undefined ? null : JSON.stringify(request.body),
        credentials: 'same-origin',
        signal,
      })
    } catch (cause) {
      let detail: string | undefined
      if (process.env.NODE_ENV !== 'production') {
        detail = prepared
          ? `${method} ${url} got no answer: fetch rejected (${thrownName(cause)}). ` +
            "The endpoint is unreachable (offline, a wrong host in EmbedProvider's endpoint), or the browser refused " +
            'the call (CORS for an endpoint on another origin, a Content-Security-Policy connect-src, an extension).'
          : "EmbedProvider's headers failed (its function threw) or gave a value no request can carry."
      }
      throw new EmbedError('network', undefined, { cause, detail })
    }
    const context: ResponseContext = {
      receivedAt: Date.now(),
      date: response.headers.get('date'),
      call: process.env.NODE_ENV !== 'production' ? `${method} ${url}` : undefined,
      requestId: response.headers.get('x-request-id') ?? undefined,
    }
    let text: string
    try {
      text = await response.text()
    } catch (cause) {
      throw new EmbedError('network', 'The connection was lost while the answer was read.', {
        cause,
        detail:
          process.env.NODE_ENV !== 'production'
            ? `${context.call} answered ${response.status}, and the connection was lost while its body was read.`
            : undefined,
      })
    }
    let body: unknown
    let json = true
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text)
    } catch {
      json = false
    }
    if (!response.ok) throw errorFromResponse(response.status, body, response.headers, context)
    if (!json) {
      throw new EmbedError('invalid_response', undefined, {
        status: response.status,
        detail:
          process.env.NODE_ENV !== 'production'
            ? `${context.call} answered ${response.status} ${response.headers.get('content-type') ?? ''} that is not ` +
              "JSON: is the endpoint mounted where EmbedProvider's endpoint points?"
            : undefined,
      })
    }
    return { status: response.status, body, context }
  }

  try {
    return await Promise.race([exchange(), stopped])
  } finally {
    clearTimeout(timer)
    outer?.removeEventListener('abort', forward)
  }
}

/**
 * `POST {endpoint}/signed-url` for `target`: the answer is normalised and its URL checked against the
 * config's URL policy. The target itself is the server's to check.
 */
export async function fetchSignedUrl(
  config: EmbedClientConfig,
  target: Target,
  signal?: AbortSignal,
): Promise<SignedUrl> {
  const response = await requestJson(config, { method: 'POST', path: '/signed-url', body: { target }, signal })
  return parseSignedUrlBody(response.body, response.context, config)
}
