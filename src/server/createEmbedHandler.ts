import { DEFAULT_VENDOR_URL_ORIGINS, parseOriginPattern } from '../core/urlSafety.js'
import { deliverAuditEvent } from './audit.js'
import { checkOptions } from './checkOptions.js'
import { createJunctionClient } from './clients/junction.js'
import { createJunctionManagementClient } from './clients/junctionManagement.js'
import { createPortalAdminClient } from './clients/portalAdmin.js'
import { createUserhubClient } from './clients/userhub.js'
import { type VendorCallObserver, VendorError } from './clients/vendorFetch.js'
import type { HandlerContext } from './context.js'
import { crossSiteRefusal, DEFAULT_BODY_TIMEOUT_MS, WireError } from './http.js'
import type { EmbedHandlerOptions, ResolvedUser } from './options.js'
import { auditEventOf, type RequestRecord, startRecord } from './requestRecord.js'
import { continuationErrorPage, continueRoute } from './routes/continue.js'
import { readDemographicsRoute, saveDemographicsRoute } from './routes/demographics.js'
import {
  createPortalRoute,
  deletePortalRoute,
  invitePortalUsersRoute,
  listPortalUsersRoute,
  removePortalUserRoute,
  updatePortalRoute,
} from './routes/portalAdmin.js'
import { signedUrlRoute } from './routes/signedUrl.js'
import { loadedOpenTelemetry, loadOpenTelemetry } from './tracing/openTelemetry.js'
import { type RequestTrace, startRequestTrace } from './tracing/requestTrace.js'
import { memoryUserStore } from './userStore.js'
import { wireErrorFromVendor } from './vendorErrors.js'

/** A Fetch-API request handler: Next.js route handlers, Hono, Remix, Bun, Deno, Workers, and Node through `toNodeHandler` (`embedded-portals/server/node`). */
export type EmbedHandler = ((request: Request) => Promise<Response>) & {
  /** The path prefix it serves, for adapters that pass other paths on. */
  readonly basePath: string
}

type Route = (context: HandlerContext, request: Request, params: string[]) => Promise<Response>

interface RouteEntry {
  /** What logs carry: the path with its ids replaced by names. */
  template: string
  pattern: RegExp
  methods: Partial<Record<string, Route>>
  /** How the route answers an error, when not in the wire protocol's JSON (a page for a person). */
  errorResponse?: (error: WireError) => Response
}

const ID = '([^/]+)'
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
// Ids of portals and users: no separators, no dot segments, no control characters.
const SAFE_ID = /^(?!\.{1,2}$)[A-Za-z0-9._:@|+=~-]{1,256}$/

const ROUTES: RouteEntry[] = [
  { template: '/signed-url', pattern: /^\/signed-url$/, methods: { POST: signedUrlRoute } },
  {
    template: '/demographics',
    pattern: /^\/demographics$/,
    methods: { GET: readDemographicsRoute, PUT: saveDemographicsRoute },
  },
  {
    template: '/junction/continue',
    pattern: /^\/junction\/continue$/,
    methods: { GET: continueRoute },
    errorResponse: continuationErrorPage,
  },
  { template: '/portals', pattern: /^\/portals$/, methods: { POST: createPortalRoute } },
  {
    template: '/portals/:portalId',
    pattern: new RegExp(`^/portals/${ID}$`),
    methods: {
      PATCH: (c, r, [portalId = '']) => updatePortalRoute(c, r, portalId),
      DELETE: (c, r, [portalId = '']) => deletePortalRoute(c, r, portalId),
    },
  },
  {
    template: '/portals/:portalId/users',
    pattern: new RegExp(`^/portals/${ID}/users$`),
    methods: {
      GET: (c, r, [portalId = '']) => listPortalUsersRoute(c, r, portalId),
      POST: (c, r, [portalId = '']) => invitePortalUsersRoute(c, r, portalId),
    },
  },
  {
    template: '/portals/:portalId/users/:userId',
    pattern: new RegExp(`^/portals/${ID}/users/${ID}$`),
    methods: {
      DELETE: (c, r, [portalId = '', userId = '']) => removePortalUserRoute(c, r, portalId, userId),
    },
  },
]

function normaliseBasePath(basePath: string): string {
  const trimmed = basePath.replace(/\/+$/, '')
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(trimmed) || trimmed.includes('//')) {
    throw new TypeError(`embedded-portals: basePath ${JSON.stringify(basePath)} must be a path such as "/api/portals".`)
  }
  return trimmed
}

function decodeIds(raw: string[]): string[] {
  return raw.map((part) => {
    let id: string
    try {
      id = decodeURIComponent(part)
    } catch {
      id = ''
    }
    if (!SAFE_ID.test(id)) throw new WireError(400, 'validation_error', 'The id in the path is not valid.')
    return id
  })
}

interface FoundRoute {
  /** The route serving the path, if any. */
  entry: RouteEntry | undefined
  /** The path after `basePath`. */
  path: string
  underBasePath: boolean
}

/** The route serving `request`'s path under `basePath`, and that path after it. */
function findRoute(basePath: string, request: Request): FoundRoute {
  const { pathname } = new URL(request.url)
  const path = pathname.slice(basePath.length)
  const underBasePath = pathname === basePath || pathname.startsWith(`${basePath}/`)
  return { entry: underBasePath ? ROUTES.find((route) => route.pattern.test(path)) : undefined, path, underBasePath }
}

/**
 * The server side of embedded-portals: serves the wire protocol under `basePath`, holds the vendor
 * keys, and turns every request into one `EmbedAction` that `resolveUser` and `authorize` see before
 * any vendor call. It never echoes a key or logs a signed URL, and hands out only URLs that pass `urlPolicy`.
 */
export function createEmbedHandler<User extends ResolvedUser>(hostOptions: EmbedHandlerOptions<User>): EmbedHandler {
  // The routes read only the `ResolvedUser` fields; `authorize` gets back the very object `resolveUser` made.
  const options = hostOptions as unknown as EmbedHandlerOptions
  if ('authorizeAdmin' in options) {
    throw new TypeError(
      'embedded-portals: authorizeAdmin was replaced by authorize(request, { user, action }), which sees every ' +
        "action: `authorize: (r, c) => c.action.type === 'admin' ? isAdmin(c.user) : defaultAuthorize(r, c)`.",
    )
  }
  checkOptions(options)
  const basePath = normaliseBasePath(options.basePath ?? '/api/portals')
  for (const pattern of options.allowedOrigins ?? []) parseOriginPattern(pattern)
  for (const pattern of options.urlPolicy?.allowedOrigins ?? []) parseOriginPattern(pattern)
  const shared = {
    options,
    bodyTimeoutMs: options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
    urlPolicy: {
      allowedOrigins: options.urlPolicy?.allowedOrigins ?? DEFAULT_VENDOR_URL_ORIGINS,
      allowInsecureLocalhost: options.urlPolicy?.allowInsecureLocalhost,
    },
    userStore: options.userStore ?? memoryUserStore(),
  }
  // Made per request (a few closures), so that each request's vendor calls are told to its own record and span.
  const clients = (onCall: VendorCallObserver) => {
    const http = { fetch: options.fetch, timeoutMs: options.timeoutMs, logger: options.logger, onCall }
    return {
      junction: options.junction ? createJunctionClient({ ...options.junction, ...http }) : undefined,
      management: options.junctionManagement
        ? createJunctionManagementClient({ ...options.junctionManagement, ...http })
        : undefined,
      userhub: options.userhub ? createUserhubClient({ ...options.userhub, ...http }) : undefined,
      portalAdmin: options.portalAdmin ? createPortalAdminClient({ ...options.portalAdmin, ...http }) : undefined,
    }
  }

  const serve = async (
    request: Request,
    { entry, path, underBasePath }: FoundRoute,
    record: RequestRecord,
    trace: RequestTrace | undefined,
  ) => {
    const answer = (error: WireError): Response => {
      record.error = error.code
      return entry?.errorResponse?.(error) ?? error.toResponse()
    }
    if (!entry) {
      // Usually a mounting mistake (a prefix stripped, another basePath): say where the routes are. Any
      // segment of the path may name a patient, so the log says only whether it was under basePath.
      options.logger?.warn('no route of embedded-portals for this path', {
        method: request.method.slice(0, 20),
        underBasePath,
        basePath,
      })
      return answer(
        new WireError(
          404,
          'not_found',
          `No route of embedded-portals here: it serves ${ROUTES.map((r) => basePath + r.template).join(', ')} ` +
            '(the basePath option).',
        ),
      )
    }
    const method = request.method.toUpperCase()
    const route = entry.methods[method]
    if (!route) {
      const allow = Object.keys(entry.methods).join(', ')
      return answer(new WireError(405, 'validation_error', `Use ${allow}.`, { headers: { allow } }))
    }
    try {
      const refused = WRITE_METHODS.has(method) ? crossSiteRefusal(request, options.allowedOrigins) : null
      if (refused) {
        const seen = (name: string) => request.headers.get(name)?.slice(0, 200) ?? undefined
        options.logger?.warn('cross-site write refused', {
          route: entry.template,
          origin: seen('origin'),
          serverOrigin: new URL(request.url).origin,
          host: seen('host'),
          forwardedHost: seen('x-forwarded-host'),
          forwardedProto: seen('x-forwarded-proto'),
          secFetchSite: seen('sec-fetch-site'),
          option: 'allowedOrigins',
        })
        return answer(refused)
      }
      const params = decodeIds(entry.pattern.exec(path)?.slice(1) ?? [])
      const onCall: VendorCallObserver = (call) => {
        record.vendor = call.vendor
        return trace?.vendorCall(call)
      }
      return await route({ ...shared, ...clients(onCall), route: entry.template, record }, request, params)
    } catch (error) {
      if (error instanceof WireError) return answer(error)
      if (error instanceof VendorError) return answer(wireErrorFromVendor(error, options.logger, entry.template))
      // Only the name: the message of an error thrown by the host's callbacks may hold a patient's name.
      options.logger?.error('embedded-portals handler failed', {
        route: entry.template,
        error: error instanceof Error ? error.name.slice(0, 100) : typeof error,
      })
      return answer(new WireError(500, 'upstream_unavailable', 'The server failed to answer. Retry in a moment.'))
    }
  }

  // Imported now, at startup, so that requests never wait for it.
  void loadOpenTelemetry()
  const handler = async (request: Request): Promise<Response> => {
    const record = startRecord(request)
    const found = findRoute(basePath, request)
    if (found.entry) record.route = found.entry.template
    const api = loadedOpenTelemetry()
    const trace = api ? startRequestTrace(api, basePath, record.route, record.method) : undefined
    const answer = async () => {
      const response = await serve(request, found, record, trace)
      response.headers.set('x-request-id', record.requestId)
      const event = auditEventOf(record, response.status)
      await deliverAuditEvent(options.audit, event, options.logger)
      trace?.end(event)
      return response
    }
    return trace ? trace.run(answer) : answer()
  }
  return Object.assign(handler, { basePath })
}
