import { parseOriginPattern } from '../core/url-safety.js'
import { createJunctionClient } from './clients/junction.js'
import { createJunctionManagementClient } from './clients/junction-management.js'
import { createPortalAdminClient } from './clients/portal-admin.js'
import { createUserhubClient } from './clients/userhub.js'
import { VendorError } from './clients/vendor-fetch.js'
import type { HandlerContext } from './context.js'
import { assertSameSiteWrite, json, WireError } from './http.js'
import type { EmbedHandlerOptions } from './options.js'
import { continueRoute } from './routes/continue.js'
import { readDemographicsRoute, saveDemographicsRoute } from './routes/demographics.js'
import {
  assertAdmin,
  createPortalRoute,
  deletePortalRoute,
  invitePortalUsersRoute,
  listPortalUsersRoute,
  removePortalUserRoute,
  updatePortalRoute,
} from './routes/portal-admin.js'
import { signedUrlRoute } from './routes/signed-url.js'
import { memoryUserStore } from './user-store.js'
import { wireErrorFromVendor } from './vendor-errors.js'

/** A Fetch-API request handler: Next.js route handlers, Hono, Remix, Bun, Deno, Workers, and Node through `toNodeHandler`. */
export type EmbedHandler = ((request: Request) => Promise<Response>) & {
  /** The path prefix it serves, for adapters that pass other paths on. */
  readonly basePath: string
}

type Route = (context: HandlerContext, request: Request, params: string[]) => Promise<Response>

interface RouteEntry {
  pattern: RegExp
  methods: Partial<Record<string, Route>>
  admin?: boolean
}

const ID = '([^/]+)'
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
// Ids of portals and users: no separators, no dot segments, no control characters.
const SAFE_ID = /^(?!\.{1,2}$)[A-Za-z0-9._:@|+=~-]{1,256}$/

const ROUTES: RouteEntry[] = [
  { pattern: /^\/signed-url$/, methods: { POST: (c, r) => signedUrlRoute(c, r) } },
  {
    pattern: /^\/demographics$/,
    methods: { GET: (c, r) => readDemographicsRoute(c, r), PUT: (c, r) => saveDemographicsRoute(c, r) },
  },
  { pattern: /^\/junction\/continue$/, methods: { GET: (c, r) => continueRoute(c, r) } },
  { pattern: /^\/portals$/, admin: true, methods: { POST: (c, r) => createPortalRoute(c, r) } },
  {
    pattern: new RegExp(`^/portals/${ID}$`),
    admin: true,
    methods: {
      PATCH: (c, r, [id]) => updatePortalRoute(c, r, id ?? ''),
      DELETE: (c, r, [id]) => deletePortalRoute(c, r, id ?? ''),
    },
  },
  {
    pattern: new RegExp(`^/portals/${ID}/users$`),
    admin: true,
    methods: {
      GET: (c, r, [id]) => listPortalUsersRoute(c, r, id ?? ''),
      POST: (c, r, [id]) => invitePortalUsersRoute(c, r, id ?? ''),
    },
  },
  {
    pattern: new RegExp(`^/portals/${ID}/users/${ID}$`),
    admin: true,
    methods: { DELETE: (c, r, [id, user]) => removePortalUserRoute(c, r, id ?? '', user ?? '') },
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

/**
 * The server side of embedded-portals: serves the wire protocol under `basePath`, holds the vendor
 * keys, resolves the signed-in user through `resolveUser`, and never echoes a key or logs a signed URL.
 */
export function createEmbedHandler(options: EmbedHandlerOptions): EmbedHandler {
  const basePath = normaliseBasePath(options.basePath ?? '/api/portals')
  for (const pattern of options.allowedOrigins ?? []) parseOriginPattern(pattern)
  const http = { fetch: options.fetch, timeoutMs: options.timeoutMs }
  const context: HandlerContext = {
    options,
    junction: options.junction ? createJunctionClient({ ...options.junction, ...http }) : undefined,
    management: options.junctionManagement
      ? createJunctionManagementClient({ ...options.junctionManagement, ...http })
      : undefined,
    userhub: options.userhub ? createUserhubClient({ ...options.userhub, ...http }) : undefined,
    portalAdmin: options.portalAdmin ? createPortalAdminClient({ ...options.portalAdmin, ...http }) : undefined,
    userStore: options.userStore ?? memoryUserStore(),
  }

  const handler = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url)
    if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) {
      return new WireError(404, 'not_found', 'Not found.').toResponse()
    }
    const path = pathname.slice(basePath.length)
    const entry = ROUTES.find((route) => route.pattern.test(path))
    if (!entry) return new WireError(404, 'not_found', 'Not found.').toResponse()
    const method = request.method.toUpperCase()
    const route = entry.methods[method]
    if (!route) {
      const allow = Object.keys(entry.methods).join(', ')
      return new WireError(405, 'validation_error', `Use ${allow}.`, { headers: { allow } }).toResponse()
    }
    try {
      if (WRITE_METHODS.has(method)) assertSameSiteWrite(request, options.allowedOrigins)
      const params = decodeIds(entry.pattern.exec(path)?.slice(1) ?? [])
      if (entry.admin) await assertAdmin(context, request)
      return await route(context, request, params)
    } catch (error) {
      if (error instanceof WireError) return error.toResponse()
      if (error instanceof VendorError) return wireErrorFromVendor(error, options.logger, path).toResponse()
      options.logger?.error('embedded-portals handler failed', {
        route: path,
        error: error instanceof Error ? error.name : typeof error,
      })
      return json({ error: 'upstream_unavailable', message: 'The server failed to answer. Retry in a moment.' }, 500)
    }
  }
  return Object.assign(handler, { basePath })
}
