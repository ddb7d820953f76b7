import { delay, HttpResponse, http, type RequestHandler } from 'msw'
import type { EmbedFieldError } from '../core/errors.js'
import type { PortalUserResponse } from '../core/portalAdmin.js'
import { endpointPath, type RequestPlan, simulatedEndpoint } from './simulatedEndpoint.js'
import { createVendorSimulator } from './simulator/simulator.js'
import type { VendorSimulator } from './simulator/types.js'

/** An operation of the host endpoint's portal administration. */
export type PortalAdminOperation = 'list' | 'invite' | 'remove' | 'create' | 'update' | 'delete'

/** How an operation can be made to fail: the vendor's or the host's doing, played by the real server. */
export type PortalAdminFailure =
  /** The host's `authorize` refuses (the caller is not an administrator): `403 forbidden`. */
  | 'forbidden'
  /** The vendor does not know the portal or user: `404 not_found`. */
  | 'not_found'
  /** The vendor refuses the request: `422 validation_error` with the `fields` given to `fail`. */
  | 'validation_error'
  /** The vendor fails (500): `502 upstream_unavailable`. */
  | 'server_error'
  /** The connection fails (`fetch` rejects); no server answers. */
  | 'network_error'
  /** A broken endpoint: `200` with a body of the wrong shape. */
  | 'malformed'

/** A portal on file at the start. */
export interface PortalAdminSeed {
  name?: string | undefined
  custom_domain?: string | null | undefined
  users?: readonly PortalUserResponse[] | undefined
}

export interface PortalAdminHandlersOptions {
  /** The endpoint the provider is given. Default `/api/portals`. */
  endpoint?: string
  /** Portals on file, by id. Default: none (every portal id is `404` until created). */
  portals?: Record<string, PortalAdminSeed>
  /** Addresses of existing accounts: inviting one answers `linked` and adds an active user. */
  existingAccounts?: readonly string[]
  /** Addresses the vendor refuses, with the reason it gives: inviting one answers `failed`. */
  refusedAddresses?: Record<string, string>
  /** Every answer waits this long, in ms. Default 0. */
  delayMs?: number
}

/** A request the handlers answered. Personal data: never log it. */
export interface RecordedPortalAdminRequest {
  operation: PortalAdminOperation
  method: string
  /** The path under the endpoint, query included. */
  path: string
  /** The parsed JSON body, or `undefined`. */
  body: unknown
}

export interface PortalAdminHandlers {
  /** The vendor simulator behind the server, which holds the portals (new ids are uuids). */
  readonly simulator: VendorSimulator
  /** Pass these to `setupServer(...)`, `setupWorker(...)`, `server.use(...)` or Storybook's `msw.handlers`. */
  handlers: RequestHandler[]
  /** Every request answered so far, oldest first. */
  requests: RecordedPortalAdminRequest[]
  /** Makes the next `times` calls of `operation` fail (default once; `Infinity` for all of them). */
  fail: (
    operation: PortalAdminOperation,
    failure: PortalAdminFailure,
    options?: { times?: number; fields?: readonly EmbedFieldError[] },
  ) => void
  /** The users of a portal now, or undefined for an unknown portal. */
  users: (portalId: string) => PortalUserResponse[] | undefined
  /** Back to the seeded portals and users; forgets requests and pending failures. */
  reset: () => void
}

const OPERATIONS: Record<string, PortalAdminOperation> = {
  'GET users': 'list',
  'POST users': 'invite',
  'DELETE user': 'remove',
  'POST portals': 'create',
  'PATCH portal': 'update',
  'DELETE portal': 'delete',
}

/** The vendor's side of each failure; `forbidden` is the host's, and the last two no server's. */
function planFor(failure: PortalAdminFailure, fields: readonly EmbedFieldError[]): RequestPlan | Response {
  switch (failure) {
    case 'forbidden':
      return { refused: true }
    case 'not_found':
      return { vendorFailure: { api: 'portalAdmin', kind: 'not_found' } }
    case 'validation_error':
      return { vendorFailure: { api: 'portalAdmin', kind: 'unprocessable', fields } }
    case 'server_error':
      return { vendorFailure: { api: 'portalAdmin', kind: 'server_error' } }
    case 'network_error':
      return HttpResponse.error()
    case 'malformed':
      return HttpResponse.json({ unexpected: true })
  }
}

/**
 * MSW handlers that serve the host endpoint's portal administration (`{endpoint}/portals…`) with the
 * real server (`createEmbedHandler`) over a vendor simulator that holds the portals: invites add users
 * (`invited`, or `linked` for an existing account, or `failed` with a reason), removals take them away,
 * and any operation can be made to fail. For `<PortalUsersManager>` and the admin hooks in tests,
 * Storybook and demos.
 */
export function portalAdminHandlers(options: PortalAdminHandlersOptions = {}): PortalAdminHandlers {
  const endpoint = endpointPath(options.endpoint)
  const simulator = createVendorSimulator()
  const failures: {
    operation: PortalAdminOperation
    failure: PortalAdminFailure
    left: number
    fields: readonly EmbedFieldError[]
  }[] = []
  const requests: RecordedPortalAdminRequest[] = []
  const host = simulatedEndpoint({ endpoint, simulator, user: async () => ({ clientUserId: 'portal-administrator' }) })

  function seed() {
    for (const email of options.existingAccounts ?? []) simulator.seedGlobalAccount(email)
    for (const [email, reason] of Object.entries(options.refusedAddresses ?? {})) simulator.refuseInvites(email, reason)
    for (const [id, input] of Object.entries(options.portals ?? {})) {
      simulator.seedPortal({
        id,
        name: input.name ?? id,
        customDomain: input.custom_domain ?? null,
        users: (input.users ?? []).map((user) => ({
          id: user.id,
          email: user.email,
          firstName: user.first_name ?? undefined,
          lastName: user.last_name ?? undefined,
          status: user.status,
          invitedAt: user.invited_at,
          joinedAt: user.joined_at,
        })),
      })
    }
  }
  seed()

  function failureFor(operation: PortalAdminOperation) {
    const pending = failures.find((entry) => entry.operation === operation && entry.left > 0)
    if (!pending) return undefined
    pending.left -= 1
    return planFor(pending.failure, pending.fields)
  }

  function route(method: 'get' | 'post' | 'patch' | 'delete', path: string, kind: string) {
    return http[method](`${endpoint}${path}`, async ({ request }) => {
      const operation = OPERATIONS[`${method.toUpperCase()} ${kind}`] as PortalAdminOperation
      const url = new URL(request.url)
      let body: unknown
      try {
        body = request.body ? ((await request.clone().json()) as unknown) : undefined
      } catch {
        body = undefined
      }
      requests.push({ operation, method: request.method, path: url.pathname.slice(endpoint.length) + url.search, body })
      if (options.delayMs) await delay(options.delayMs)
      const plan = failureFor(operation) ?? {}
      return plan instanceof Response ? plan : host.serve(request, plan)
    })
  }

  return {
    simulator,
    handlers: [
      route('get', '/portals/:portalId/users', 'users'),
      route('post', '/portals/:portalId/users', 'users'),
      route('delete', '/portals/:portalId/users/:userId', 'user'),
      route('post', '/portals', 'portals'),
      route('patch', '/portals/:portalId', 'portal'),
      route('delete', '/portals/:portalId', 'portal'),
    ],
    requests,
    fail(operation, failure, { times = 1, fields = [{ path: 'users', message: 'is invalid' }] } = {}) {
      failures.push({ operation, failure, left: times, fields })
    },
    users: (portalId) => (simulator.state.portal(portalId) ? simulator.state.portalUsers(portalId) : undefined),
    reset() {
      simulator.reset()
      seed()
      failures.length = 0
      requests.length = 0
    },
  }
}
