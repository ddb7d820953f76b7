import type { Context, Span, Tracer } from '@opentelemetry/api'
import type { VendorCallInfo, VendorCallOutcome } from '../clients/vendorFetch.js'
import type { AuditEvent } from '../options.js'
import type { OpenTelemetry } from './openTelemetry.js'

const TRACER_NAME = 'embedded-portals'

/** One request's span, the context its work runs in, and a child span per vendor call. */
export interface RequestTrace {
  /** Runs `work` with the request's span active, so that spans of the host's callbacks nest under it. */
  run<T>(work: () => Promise<T>): Promise<T>
  /** Starts the child span of a vendor call; the function it returns ends it. */
  vendorCall(call: VendorCallInfo): (outcome: VendorCallOutcome) => void
  /** Ends the request's span with what the audit event says of it. */
  end(event: AuditEvent): void
}

/**
 * A span named `embedded-portals <route template>` for one request. Its attributes are the route, the
 * method, the action's type, the decision, the status and the error code: never an id, a user, a URL or a
 * body. A 5xx answer marks it as an error.
 */
export function startRequestTrace(api: OpenTelemetry, basePath: string, route: string, method: string): RequestTrace {
  const tracer: Tracer = api.trace.getTracer(TRACER_NAME)
  const span: Span = tracer.startSpan(`embedded-portals ${route}`, {
    kind: api.SpanKind.INTERNAL,
    attributes: { 'http.request.method': method, 'http.route': `${basePath}${route}` },
  })
  const active: Context = api.trace.setSpan(api.context.active(), span)
  return {
    run: (work) => api.context.with(active, work),
    vendorCall: (call) => startVendorSpan(api, tracer, active, call),
    end(event) {
      span.setAttribute('http.response.status_code', event.status)
      span.setAttribute('embedded_portals.request_id', event.requestId)
      if (event.action) {
        span.setAttribute('embedded_portals.action', event.action.type)
        if (event.action.type === 'admin') span.setAttribute('embedded_portals.operation', event.action.operation)
        if (event.action.type === 'signed-url') span.setAttribute('embedded_portals.target', event.action.target.kind)
      }
      if (event.decision) span.setAttribute('embedded_portals.decision', event.decision)
      if (event.vendor) span.setAttribute('embedded_portals.vendor', event.vendor)
      if (event.error) span.setAttribute('error.type', event.error)
      if (event.status >= 500) span.setStatus({ code: api.SpanStatusCode.ERROR })
      span.end()
    },
  }
}

function defaultPort(origin: URL): number {
  if (origin.port) return Number(origin.port)
  return origin.protocol === 'https:' ? 443 : 80
}

/**
 * A client span with OpenTelemetry's HTTP client conventions: method, server address and port, the path
 * template (never the path with its ids, the query or the URL) and the status; named `{method} {template}`.
 * A failure without an answer (`timeout`, `network`) is its `error.type`, as is a status of 400 or more.
 */
function startVendorSpan(
  api: OpenTelemetry,
  tracer: Tracer,
  parent: Context,
  call: VendorCallInfo,
): (outcome: VendorCallOutcome) => void {
  const origin = new URL(call.origin)
  const span = tracer.startSpan(
    `${call.method} ${call.template}`,
    {
      kind: api.SpanKind.CLIENT,
      attributes: {
        'http.request.method': call.method,
        'server.address': origin.hostname,
        'server.port': defaultPort(origin),
        'url.scheme': origin.protocol.slice(0, -1),
        'url.template': call.template,
        'embedded_portals.vendor': call.vendor,
        'embedded_portals.operation': call.operation,
      },
    },
    parent,
  )
  return ({ status, failure }) => {
    if (status !== undefined) span.setAttribute('http.response.status_code', status)
    const errorType = status !== undefined && status >= 400 ? String(status) : failure
    if (errorType !== undefined) {
      span.setAttribute('error.type', errorType)
      span.setStatus({ code: api.SpanStatusCode.ERROR })
    }
    span.end()
  }
}
