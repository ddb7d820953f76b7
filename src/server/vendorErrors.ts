import type { EmbedFieldError } from '../core/errors.js'
import { sanitizeMessage } from '../core/untrusted.js'
import { isRecord, VendorError } from './clients/vendorFetch.js'
import { WireError } from './http.js'
import type { EmbedLogger } from './types.js'

const USERHUB_PARAMS: Record<string, string> = {
  portalUrl: 'portal_url',
  returnUrl: 'return_url',
  successUrl: 'success_url',
  organizationId: 'organization_id',
}

const LOCATION_ROOTS = new Set(['body', 'query', 'path'])

/** The most field errors of a vendor's answer passed on: a form has fewer fields, and the answer stays small. */
const MAX_VENDOR_FIELDS = 50

/** `Retry-After` of a vendor's 429 that named no wait (Junction promises none), in seconds. */
const DEFAULT_RATE_LIMIT_RETRY_AFTER_S = 5

/** `Retry-After` of a vendor's refusal of the server's own key: an hour, past any client retry. */
export const CREDENTIALS_RETRY_AFTER_S = 3600

/** A vendor's field path passed on only when it looks like one (`users.3.email`): nothing else of theirs. */
function safePath(path: string): string {
  return /^[A-Za-z0-9_-]{1,64}(?:\.[A-Za-z0-9_-]{1,64}){0,7}$/.test(path) ? path : ''
}

/** One FastAPI `detail` item as a field error, or null when it names no field that looks like one. */
function detailField(item: unknown): EmbedFieldError | null {
  // A path of more than 9 segments is refused by `safePath` anyway: do not join a longer one.
  if (!isRecord(item) || !Array.isArray(item.loc) || item.loc.length > 10) return null
  const loc = item.loc.filter((part): part is string | number => typeof part === 'string' || typeof part === 'number')
  const path = safePath((LOCATION_ROOTS.has(String(loc[0])) ? loc.slice(1) : loc).join('.'))
  const message = typeof item.msg === 'string' ? sanitizeMessage(item.msg) : 'is invalid'
  return path ? { path, message } : null
}

/**
 * Field errors in a vendor's error body, with dotted paths: FastAPI `detail[].loc` or UserHub `param`. At
 * most `MAX_VENDOR_FIELDS`, each message sanitised (no links, at most 300 characters).
 */
export function vendorFields(body: unknown): EmbedFieldError[] {
  if (!isRecord(body)) return []
  if (Array.isArray(body.detail)) {
    const fields: EmbedFieldError[] = []
    for (const item of body.detail) {
      const field = detailField(item)
      if (field) fields.push(field)
      if (fields.length === MAX_VENDOR_FIELDS) break
    }
    return fields
  }
  if (typeof body.param === 'string') {
    const message = typeof body.message === 'string' ? sanitizeMessage(body.message) : 'is invalid'
    const path = USERHUB_PARAMS[body.param] ?? safePath(body.param)
    return path ? [{ path, message }] : []
  }
  return []
}

/** `Retry-After` passed on only when it is seconds or an HTTP date (nothing else reaches a header). */
function safeRetryAfter(value: string | null): Record<string, string> {
  if (value === null) return {}
  const trimmed = value.trim()
  return /^\d{1,6}$/.test(trimmed) || /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)
    ? { 'retry-after': trimmed }
    : {}
}

/**
 * The wire-protocol answer for a failed vendor call. The vendor's own words never reach the browser
 * except as sanitised field messages; its 401/403 (our key's fault, not the user's) become a 502.
 */
export function wireErrorFromVendor(error: VendorError, logger: EmbedLogger | undefined, route: string): WireError {
  const details = {
    route,
    vendor: error.vendor,
    operation: error.operation,
    status: error.status,
    failure: error.failure,
  }
  switch (error.failure) {
    case 'timeout':
      logger?.warn('vendor call timed out', { ...details, reason: error.reason })
      return new WireError(504, 'timeout', 'The portal service did not answer in time. Retry in a moment.')
    case 'network':
      logger?.warn('vendor call failed', { ...details, reason: error.reason })
      return new WireError(502, 'upstream_unavailable', 'The portal service could not be reached. Retry in a moment.')
    case 'invalid_response':
      logger?.error('vendor answered an unexpected body', details)
      return new WireError(502, 'upstream_unavailable', 'The portal service answered something unexpected.')
    case 'http':
      break
  }
  const status = error.status ?? 502
  if (status === 401 || status === 403) {
    logger?.error('vendor refused the server credentials', details)
    // Retrying cannot help until the key is fixed: a Retry-After past the client's 60 s cap stops its retries.
    return new WireError(502, 'upstream_unavailable', 'The portal service refused this server’s credentials.', {
      headers: { 'retry-after': String(CREDENTIALS_RETRY_AFTER_S) },
    })
  }
  if (status === 404) return new WireError(404, 'not_found', 'The portal service does not know this user or item.')
  if (status === 400 || status === 422) {
    const fields = vendorFields(error.body)
    return new WireError(
      422,
      'validation_error',
      'The portal service refused the request.',
      fields.length ? { fields } : {},
    )
  }
  if (status === 408) return new WireError(504, 'timeout', 'The portal service did not answer in time.')
  if (status === 429) {
    logger?.warn('vendor rate limit', details)
    return new WireError(429, 'rate_limited', 'The portal service is busy. Retry in a moment.', {
      headers: { 'retry-after': String(DEFAULT_RATE_LIMIT_RETRY_AFTER_S), ...safeRetryAfter(error.retryAfter) },
    })
  }
  logger?.warn('vendor unavailable', details)
  return new WireError(
    status === 503 ? 503 : 502,
    'upstream_unavailable',
    'The portal service is unavailable. Retry in a moment.',
    {
      headers: status === 503 ? safeRetryAfter(error.retryAfter) : {},
    },
  )
}

export { VendorError }
