import { EmbedError } from './errors.js'
import { isRecord } from './guards.js'
import {
  type PortalCreateRequest,
  type PortalResponse,
  type PortalUpdateRequest,
  type PortalUserInvite,
  type PortalUserInviteResponse,
  type PortalUserResponse,
  readInviteResult,
  readPortal,
  readPortalUser,
} from './portal-admin.js'
import { type EmbedClientConfig, requestJson, type WireRequest } from './wire-client.js'

// The client of the host endpoint's portal-administration routes. Every answer is checked: a body of
// the wrong shape is `invalid_response`, never data that would break the table later.

function invalid(operation: string, status: number): EmbedError {
  return new EmbedError('invalid_response', undefined, {
    status,
    detail:
      process.env.NODE_ENV !== 'production'
        ? `The endpoint answered "${operation}" with a body of the wrong shape.`
        : undefined,
  })
}

/** A portal or user id as one path segment; an empty one is refused before any request. */
function segment(name: string, id: string): string {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new EmbedError('validation_error', `${name} must be a non-empty id.`, {
      fields: [{ path: name, message: 'must be a non-empty id' }],
    })
  }
  return encodeURIComponent(id)
}

async function call<T>(
  config: EmbedClientConfig,
  operation: string,
  request: WireRequest,
  read: (body: unknown) => T | null,
): Promise<T> {
  const response = await requestJson(config, request)
  const value = read(response.body)
  if (value === null) throw invalid(operation, response.status)
  return value
}

/** Every item read with `read`, or null when the body is not a list or one item is not valid. */
function readList<T>(body: unknown, read: (item: unknown) => T | null): T[] | null {
  if (!Array.isArray(body)) return null
  const items: T[] = []
  for (const item of body) {
    const value = read(item)
    if (value === null) return null
    items.push(value)
  }
  return items
}

const acknowledged = () => true as const

/** `GET {endpoint}/portals/{portalId}/users`. */
export async function fetchPortalUsers(
  config: EmbedClientConfig,
  portalId: string,
  signal?: AbortSignal,
): Promise<PortalUserResponse[]> {
  const path = `/portals/${segment('portalId', portalId)}/users`
  return call(config, 'list portal users', { method: 'GET', path, signal }, (body) => readList(body, readPortalUser))
}

/** `POST {endpoint}/portals/{portalId}/users`: one result per address, in the order sent. */
export async function postPortalUserInvites(
  config: EmbedClientConfig,
  portalId: string,
  users: readonly PortalUserInvite[],
  signal?: AbortSignal,
): Promise<PortalUserInviteResponse> {
  const path = `/portals/${segment('portalId', portalId)}/users`
  return call(config, 'invite portal users', { method: 'POST', path, body: { users }, signal }, (body) => {
    const results = isRecord(body) ? readList(body.results, readInviteResult) : null
    return results ? { results } : null
  })
}

/** `DELETE {endpoint}/portals/{portalId}/users/{userId}`. */
export async function deletePortalUser(
  config: EmbedClientConfig,
  portalId: string,
  userId: string,
  signal?: AbortSignal,
): Promise<void> {
  const path = `/portals/${segment('portalId', portalId)}/users/${segment('userId', userId)}`
  await call(config, 'remove portal user', { method: 'DELETE', path, signal }, acknowledged)
}

/** `POST {endpoint}/portals`. */
export async function postPortal(
  config: EmbedClientConfig,
  portal: PortalCreateRequest,
  signal?: AbortSignal,
): Promise<PortalResponse> {
  return call(config, 'create portal', { method: 'POST', path: '/portals', body: portal, signal }, readPortal)
}

/** `PATCH {endpoint}/portals/{portalId}`. */
export async function patchPortal(
  config: EmbedClientConfig,
  portalId: string,
  changes: PortalUpdateRequest,
  signal?: AbortSignal,
): Promise<PortalResponse> {
  const path = `/portals/${segment('portalId', portalId)}`
  return call(config, 'update portal', { method: 'PATCH', path, body: changes, signal }, readPortal)
}

/**
 * `DELETE {endpoint}/portals/{portalId}?confirm={portalId}`. The portal's database is dropped, so the
 * caller repeats the id as `confirm` (typed by a person, ideally); a mismatch is refused here, before
 * any request, and again by the server.
 */
export async function deletePortalById(
  config: EmbedClientConfig,
  portalId: string,
  confirm: string,
  signal?: AbortSignal,
): Promise<void> {
  const id = segment('portalId', portalId)
  if (confirm !== portalId) {
    throw new EmbedError('validation_error', 'Type the portal id to confirm that the portal and its data go.', {
      fields: [{ path: 'confirm', message: 'must repeat the portal id' }],
    })
  }
  const path = `/portals/${id}?confirm=${id}`
  await call(config, 'delete portal', { method: 'DELETE', path, signal }, acknowledged)
}
