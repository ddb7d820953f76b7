import { warnDev } from './devWarnings.js'
import { EmbedError, isEmbedError } from './errors.js'
import { inviteReadTolerated, readInviteResults } from './inviteResults.js'
import { describeSkipped, readItems } from './itemReads.js'
import {
  type PortalCreateRequest,
  type PortalResponse,
  type PortalUpdateRequest,
  type PortalUserInvite,
  type PortalUserInviteResponse,
  type PortalUserResponse,
  portalUserItem,
  readPortal,
} from './portalAdmin.js'
import { type EmbedClientConfig, requestJson, type WireRequest } from './wireClient.js'

// The client of the host endpoint's portal-administration routes. Every answer is checked: a body of
// the wrong shape is `invalid_response`, never data that would break the table later. Lists are read
// item by item: an item that cannot be read is skipped (with a development warning naming its index and
// field, never its data), and a successful bulk invite is never reported as failed.

/** A portal or user id as one path segment; an empty one is refused before any request. */
function segment(name: string, id: string): string {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new EmbedError('validation_error', undefined, {
      fields: [{ path: name, message: 'must be a non-empty id' }],
      detail:
        process.env.NODE_ENV !== 'production'
          ? `The ${name} given is empty or blank, so no request was sent: pass the id to act on.`
          : undefined,
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

/** The portal's users that could be read, or null when the body is not a list. */
function readUsers(body: unknown): PortalUserResponse[] | null {
  if (!Array.isArray(body)) return null
  const { values, skipped } = readItems(body, portalUserItem)
  if (skipped.length > 0) {
    warnDev(
      `The endpoint answered "list portal users" with ${skipped.length} user(s) this library cannot read ` +
        `(index: field ${describeSkipped(skipped)}); they are left out of the list.`,
    )
  }
  return values
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
  return call(config, request, readUsers, operation)
}

const isSuccess = (status: number | undefined) => status !== undefined && status >= 200 && status < 300

/**
 * `POST {endpoint}/portals/{portalId}/users`: one result per address, in the order sent. A success is
 * never `invalid_response`: an address whose result is missing or cannot be read is `unconfirmed`.
 */
export async function postPortalUserInvites(
  config: EmbedClientConfig,
  portalId: string,
  users: readonly PortalUserInvite[],
  signal?: AbortSignal,
): Promise<PortalUserInviteResponse> {
  const request: WireRequest = { method: 'POST', path: usersPath(portalId), body: { users }, signal }
  const body = await requestJson(config, request).then(
    (response) => response.body,
    (error: unknown) => {
      // A success whose body cannot be read (not JSON) still invited people: unconfirmed, not failed.
      if (isEmbedError(error) && error.code === 'invalid_response' && isSuccess(error.status)) return undefined
      throw error
    },
  )
  const read = readInviteResults(users, body)
  if (process.env.NODE_ENV !== 'production' && inviteReadTolerated(read)) {
    warnDev(
      `The endpoint answered "invite portal users" with ${read.listed ? 'results' : 'no "results" list'} ` +
        `this library could not all match: ${read.skipped.length} unreadable` +
        `${read.skipped.length > 0 ? ` (index: field ${describeSkipped(read.skipped)})` : ''}, ` +
        `${read.unmatched} naming no address sent; ${read.unconfirmed} address(es) reported "unconfirmed".`,
    )
  }
  return { results: read.results }
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
      detail:
        process.env.NODE_ENV !== 'production'
          ? 'The confirmation does not repeat the portal id, so no request was sent.'
          : undefined,
    })
  }
  const path = `/portals/${id}?confirm=${id}`
  const operation = process.env.NODE_ENV !== 'production' ? 'delete portal' : undefined
  await call(config, { method: 'DELETE', path, signal }, acknowledged, operation)
}
