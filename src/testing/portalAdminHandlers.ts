import { delay, HttpResponse, http, type JsonBodyType, type RequestHandler } from 'msw'
import type { EmbedFieldError } from '../core/errors.js'
import type { PortalResponse, PortalUserInviteResult, PortalUserResponse } from '../core/portalAdmin.js'
import { readInviteRequest, readPortalChanges } from '../core/portalAdminRequests.js'

/** An operation of the host endpoint's portal administration. */
export type PortalAdminOperation = 'list' | 'invite' | 'remove' | 'create' | 'update' | 'delete'

/** How an operation can be made to fail. */
export type PortalAdminFailure =
  /** `403 forbidden`: the caller is not an administrator. */
  | 'forbidden'
  /** `404 not_found`. */
  | 'not_found'
  /** `422 validation_error` with the `fields` given to `fail`. */
  | 'validation_error'
  /** `500`. */
  | 'server_error'
  /** The connection fails (`fetch` rejects). */
  | 'network_error'
  /** `200` with a body of the wrong shape. */
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

interface PortalState {
  portal: PortalResponse
  users: PortalUserResponse[]
}

const OPERATIONS: Record<string, PortalAdminOperation> = {
  'GET users': 'list',
  'POST users': 'invite',
  'DELETE user': 'remove',
  'POST portals': 'create',
  'PATCH portal': 'update',
  'DELETE portal': 'delete',
}

function json(body: JsonBodyType, status = 200) {
  return HttpResponse.json(body, { status, headers: { date: new Date().toUTCString() } })
}

const invalid = (fields: EmbedFieldError[]) =>
  json(
    { error: 'validation_error', message: 'The request is invalid.', fields: fields as unknown as JsonBodyType },
    422,
  )
const notFound = () => json({ error: 'not_found', message: 'No such portal or user.' }, 404)

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

/**
 * MSW handlers that play the host endpoint's portal administration (`{endpoint}/portals…`) with state:
 * invites add users (`invited`, or `linked` for an existing account, or `failed` with a reason), removals
 * take them away, and any operation can be made to fail. For `<PortalUsersManager>` and the admin hooks
 * in tests, Storybook and demos.
 */
export function portalAdminHandlers(options: PortalAdminHandlersOptions = {}): PortalAdminHandlers {
  const endpoint = (options.endpoint ?? '/api/portals').replace(/\/+$/, '')
  const accounts = new Set((options.existingAccounts ?? []).map((email) => email.toLowerCase()))
  const refused = new Map(Object.entries(options.refusedAddresses ?? {}).map(([k, v]) => [k.toLowerCase(), v]))
  const portals = new Map<string, PortalState>()
  const failures: {
    operation: PortalAdminOperation
    failure: PortalAdminFailure
    left: number
    fields: readonly EmbedFieldError[]
  }[] = []
  const requests: RecordedPortalAdminRequest[] = []
  let sequence = 0

  function seed() {
    portals.clear()
    sequence = 0
    for (const [id, input] of Object.entries(options.portals ?? {})) {
      portals.set(id, {
        portal: { id, name: input.name ?? id, custom_domain: input.custom_domain ?? null, created_at: null },
        users: structuredClone([...(input.users ?? [])]),
      })
    }
  }
  seed()

  function failureFor(operation: PortalAdminOperation) {
    const pending = failures.find((entry) => entry.operation === operation && entry.left > 0)
    if (!pending) return undefined
    pending.left -= 1
    switch (pending.failure) {
      case 'forbidden':
        return json({ error: 'forbidden', message: 'You do not have permission to do this.' }, 403)
      case 'not_found':
        return notFound()
      case 'validation_error':
        return invalid([...pending.fields])
      case 'server_error':
        return json({ error: 'upstream_unavailable', message: 'The portal service failed.' }, 500)
      case 'network_error':
        return HttpResponse.error()
      case 'malformed':
        return json({ unexpected: true })
    }
  }

  function invite(state: PortalState, body: unknown) {
    // The server's own checks: the same requests are refused with the same fields.
    const checked = readInviteRequest(record(body))
    if (!checked.ok) return invalid(checked.fields)
    const results = checked.value.users.map((entry): PortalUserInviteResult => {
      const { email } = entry
      const key = email.toLowerCase()
      const reason = refused.get(key)
      const failed = (error: string): PortalUserInviteResult => ({ email, status: 'failed', user_id: null, error })
      if (reason !== undefined) return failed(reason)
      if (state.users.some((user) => user.email.toLowerCase() === key)) {
        return failed('This address is already a user of this portal.')
      }
      const linked = accounts.has(key)
      const now = new Date().toISOString()
      const user: PortalUserResponse = {
        id: `invited-${++sequence}`,
        email,
        first_name: entry.first_name ?? null,
        last_name: entry.last_name ?? null,
        status: linked ? 'active' : 'invited',
        invited_at: now,
        joined_at: linked ? now : null,
      }
      state.users.push(user)
      return { email, status: linked ? 'linked' : 'invited', user_id: user.id, error: null }
    })
    return json({ results } as unknown as JsonBodyType, 201)
  }

  function answer(operation: PortalAdminOperation, url: URL, body: unknown, portalId?: string, userId?: string) {
    const state = portalId === undefined ? undefined : portals.get(portalId)
    switch (operation) {
      case 'list':
        return state ? json(state.users as unknown as JsonBodyType) : notFound()
      case 'invite':
        return state ? invite(state, body) : notFound()
      case 'remove': {
        const index = state?.users.findIndex((user) => user.id === userId) ?? -1
        if (!state || index < 0) return notFound()
        state.users.splice(index, 1)
        return json({})
      }
      case 'create': {
        const checked = readPortalChanges(record(body), true)
        if (!checked.ok) return invalid(checked.fields)
        const id = `portal-${++sequence}`
        const portal: PortalResponse = {
          id,
          name: checked.value.name ?? '',
          custom_domain: checked.value.custom_domain ?? null,
          created_at: new Date().toISOString(),
        }
        portals.set(id, { portal, users: [] })
        return json(portal as unknown as JsonBodyType, 201)
      }
      case 'update': {
        const checked = readPortalChanges(record(body), false)
        if (!checked.ok) return invalid(checked.fields)
        if (!state) return notFound()
        if (checked.value.name !== undefined) state.portal.name = checked.value.name
        if (checked.value.custom_domain !== undefined) state.portal.custom_domain = checked.value.custom_domain
        return json(state.portal as unknown as JsonBodyType)
      }
      case 'delete':
        if (url.searchParams.get('confirm') !== portalId) {
          return invalid([
            { path: 'confirm', message: 'repeat the portal id in ?confirm= to delete the portal and its data' },
          ])
        }
        if (!state || portalId === undefined) return notFound()
        portals.delete(portalId)
        return json({})
    }
  }

  function route(method: 'get' | 'post' | 'patch' | 'delete', path: string, kind: string) {
    return http[method](`${endpoint}${path}`, async ({ request, params }) => {
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
      const portalId = typeof params.portalId === 'string' ? params.portalId : undefined
      const userId = typeof params.userId === 'string' ? params.userId : undefined
      return failureFor(operation) ?? answer(operation, url, body, portalId, userId)
    })
  }

  return {
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
    users: (portalId) => {
      const state = portals.get(portalId)
      return state ? structuredClone(state.users) : undefined
    },
    reset() {
      seed()
      failures.length = 0
      requests.length = 0
    },
  }
}
