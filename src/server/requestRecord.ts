import type { WireErrorCode } from '../core/errors.js'
import type { VendorName } from './clients/vendorFetch.js'
import type { AuditDecision, AuditEvent, EmbedAction, ResolvedUser } from './options.js'

/**
 * What one request did, filled in as it goes (the route once matched, the action once read, the user and
 * the decision once made, the vendor once called), and read once when it is answered.
 */
export interface RequestRecord {
  readonly requestId: string
  readonly method: string
  /** `Date.now()` on arrival. */
  readonly arrivedAt: number
  /** `performance.now()` on arrival, for the duration. */
  readonly started: number
  route: string
  action: EmbedAction | null
  user: ResolvedUser | null
  decision: AuditDecision | null
  error: WireErrorCode | undefined
  vendor: VendorName | undefined
}

/** The route of a request under no route. */
const NO_ROUTE = '*'

// What proxies send (a UUID, 32 hex digits, `req-…`): nothing that could break a header or a log line.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** The incoming `X-Request-Id` when it is of safe shape, else a new UUID. */
function requestIdOf(request: Request): string {
  const incoming = request.headers.get('x-request-id')
  return incoming !== null && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID()
}

export function startRecord(request: Request): RequestRecord {
  return {
    requestId: requestIdOf(request),
    method: request.method.toUpperCase(),
    arrivedAt: Date.now(),
    started: performance.now(),
    route: NO_ROUTE,
    action: null,
    user: null,
    decision: null,
    error: undefined,
    vendor: undefined,
  }
}

/** The code an error status stands for when no `WireError` named one (the continuation's pages). */
function codeOfStatus(status: number): WireErrorCode {
  if (status === 401) return 'unauthorized'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 408 || status === 504) return 'timeout'
  if (status === 429) return 'rate_limited'
  return status >= 500 ? 'upstream_unavailable' : 'validation_error'
}

/** The audit event of a request answered with `status`. */
export function auditEventOf(record: RequestRecord, status: number): AuditEvent {
  const event: AuditEvent = {
    at: new Date(record.arrivedAt).toISOString(),
    requestId: record.requestId,
    route: record.route,
    method: record.method,
    action: record.action,
    user: record.user,
    decision: record.decision,
    status,
    durationMs: Math.max(0, Math.round(performance.now() - record.started)),
  }
  if (status >= 400) event.error = record.error ?? codeOfStatus(status)
  if (record.vendor) event.vendor = record.vendor
  return event
}
