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
} from './portalAdmin.js'
import { type EmbedClientConfig, requestJson, type WireRequest } from './wireClient.js'

// The client of the host endpoint's portal-administration routes. Every answer is checked: a body of
// the wrong shape is `invalid_response`, never data that would break the table later.

/** A portal or user id as one path segment; an empty one is refused before any request. */
function segment(name: string, id: string): string {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new EmbedError('validation_error', undefined, {
      fields: [{ path: name, message: 'must be a non-empty id' }],
    })
  }
  return encodeURIComponent(id)
}

/**
 * Sends `request` and reads its answer with `read`. `operation` names the call in a wrong shape's
 * `detail`, for the developer; production builds pass nothing.
 */
async function call<T>(
  config: EmbedClientConfig,
  request: WireRequest,
  read: (body: unknown) => T | null,
  operation?: string,
): Promise<T> {
  const response = await requestJson(config, request)
  const value = read(response.body)
  if (value === null) {
    throw new EmbedError('invalid_response', undefined, {
      status: response.status,
      detail:
        process.env.NODE_ENV !== 'production'
          ? `The endpoint answered "${operation}" with a body of the wrong shape.`
          : undefined,
    })
  }
  return value
}

/** Every item read with `read`, or null when the body is not a list or one item is not valid. */
function readList<T>(body: unknown, read: (item: unknown) => T | null): T[] | null {
  const items = Array.isArray(body) ? body.map(read) : null
  return items?.every((item): item is T => item !== null) ? items : null
}

/** The path of a portal's users. */
const usersPath = (portalId: string) => `/portals/${segment('portalId', portalId)}/users`

const acknowledged = () => true as const

/** `GET {endpoint}/portals/{portalId}/users`. */
export async function fetchPortalUsers(
  config: EmbedClientConfig,
  portalId: string,
  signal?: AbortSignal,
): Promise<PortalUserResponse[]> {
  const operation = process.env.NODE_ENV !== 'production' ? 'list portal users' : undefined
  const request: WireRequest = { method: 'GET', path: usersPath(portalId), signal }
  return call(config, request, (body) => readList(body, readPortalUser), operation)
}

/**
 * `POST {endpoint}/portals/{portalId}/users`: one result per address, in the order sent; any other count
 * is `invalid_response`.
 */
export async function postPortalUserInvites(
  config: EmbedClientConfig,
  portalId: string,
  users: readonly PortalUserInvite[],
  signal?: AbortSignal,
): Promise<PortalUserInviteResponse> {
  const request: WireRequest = { method: 'POST', path: usersPath(portalId), body: { users }, signal }
  const operation = process.env.NODE_ENV !== 'production' ? 'invite portal users' : undefined
  const read = (body: unknown) => {
    const results = isRecord(body) ? readList(body.results, readInviteResult) : null
    return results?.length === users.length ? { results } : null
  }
  return call(config, request, read, operation)
}

/** `DELETE {endpoint}/portals/{portalId}/users/{userId}`. */
export async function deletePortalUser(
  config: EmbedClientConfig,
  portalId: string,
  userId: string,
  signal?: AbortSignal,
): Promise<void> {
  const path = `${usersPath(portalId)}/${segment('userId', userId)}`
  const operation = process.env.NODE_ENV !== 'production' ? 'remove portal user' : undefined
  await call(config, { method: 'DELETE', path, signal }, acknowledged, operation)
}

/** `POST {endpoint}/portals`. */
export async function postPortal(
  config: EmbedClientConfig,
  portal: PortalCreateRequest,
  signal?: AbortSignal,
): Promise<PortalResponse> {
  const operation = process.env.NODE_ENV !== 'production' ? 'create portal' : undefined
  return call(config, { method: 'POST', path: '/portals', body: portal, signal }, readPortal, operation)
}

/** `PATCH {endpoint}/portals/{portalId}`. */
export async function patchPortal(
  config: EmbedClientConfig,
  portalId: string,
  changes: PortalUpdateRequest,
  signal?: AbortSignal,
): Promise<PortalResponse> {
  const path = `/portals/${segment('portalId', portalId)}`
  const operation = process.env.NODE_ENV !== 'production' ? 'update portal' : undefined
  return call(config, { method: 'PATCH', path, body: changes, signal }, readPortal, operation)
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
  const operation = process.env.NODE_ENV !== 'production' ? 'delete portal' : undefined
  await call(config, { method: 'DELETE', path, signal }, acknowledged, operation)
}
