import type { EmbedFieldError } from '../../core/errors.js'
import type { PortalCreateRequest, PortalUpdateRequest } from '../../core/portalAdmin.js'
import { readInviteRequest, readPortalChanges } from '../../core/portalAdminRequests.js'
import { decide } from '../authorize.js'
import { VendorError } from '../clients/vendorFetch.js'
import { type HandlerContext, notConfigured, readBody } from '../context.js'
import { json, MAX_INVITE_BODY_BYTES, WireError } from '../http.js'
import type { AdminOperation } from '../options.js'

function invalid(fields: EmbedFieldError[]): WireError {
  return new WireError(422, 'validation_error', 'The request is invalid.', { fields })
}

/**
 * The portal-administration client, once `resolveUser` and `authorize` allowed this operation on this
 * portal and user (nothing is read from the body before that).
 */
async function admin(
  context: HandlerContext,
  request: Request,
  operation: AdminOperation,
  portalId?: string,
  userId?: string,
) {
  if (!context.portalAdmin) throw notConfigured('Portal administration')
  await decide(context, request, { type: 'admin', operation, portalId, userId })
  return context.portalAdmin
}

/** Reads `{name, custom_domain}` for a create (name required) or an update (at least one field). */
async function readPortalBody(
  context: HandlerContext,
  request: Request,
  creating: boolean,
): Promise<PortalUpdateRequest> {
  const checked = readPortalChanges(await readBody(context, request), creating)
  if (!checked.ok) throw invalid(checked.fields)
  return checked.value
}

/** `POST {basePath}/portals`. */
export async function createPortalRoute(context: HandlerContext, request: Request): Promise<Response> {
  const client = await admin(context, request, 'portal.create')
  const { name = '', ...rest } = await readPortalBody(context, request, true)
  const payload: PortalCreateRequest = { name, ...rest }
  return json(await client.createPortal(payload, request.signal), 201)
}

/** `PATCH {basePath}/portals/{portalId}`. */
export async function updatePortalRoute(
  context: HandlerContext,
  request: Request,
  portalId: string,
): Promise<Response> {
  const client = await admin(context, request, 'portal.update', portalId)
  return json(await client.updatePortal(portalId, await readPortalBody(context, request, false), request.signal))
}

/** `DELETE {basePath}/portals/{portalId}?confirm={portalId}`: the portal's database is dropped, so it must be confirmed. */
export async function deletePortalRoute(
  context: HandlerContext,
  request: Request,
  portalId: string,
): Promise<Response> {
  const client = await admin(context, request, 'portal.delete', portalId)
  if (new URL(request.url).searchParams.get('confirm') !== portalId) {
    throw invalid([{ path: 'confirm', message: 'repeat the portal id in ?confirm= to delete the portal and its data' }])
  }
  try {
    await client.deletePortal(portalId, request.signal)
  } catch (error) {
    // Dropping a database can outlast the answer: say that it may have happened, not just "retry".
    if (error instanceof VendorError && error.failure === 'timeout') {
      throw new WireError(
        504,
        'timeout',
        'The portal service did not confirm the deletion in time; it may still happen. Reload before trying again.',
      )
    }
    throw error
  }
  return json({})
}

/** `GET {basePath}/portals/{portalId}/users`. */
export async function listPortalUsersRoute(
  context: HandlerContext,
  request: Request,
  portalId: string,
): Promise<Response> {
  const client = await admin(context, request, 'users.list', portalId)
  return json(await client.listUsers(portalId, request.signal))
}

/** `POST {basePath}/portals/{portalId}/users` with `{"users": [{email, first_name?, last_name?}]}`. */
export async function invitePortalUsersRoute(
  context: HandlerContext,
  request: Request,
  portalId: string,
): Promise<Response> {
  const client = await admin(context, request, 'users.invite', portalId)
  const checked = readInviteRequest(await readBody(context, request, MAX_INVITE_BODY_BYTES))
  if (!checked.ok) throw invalid(checked.fields)
  return json(await client.inviteUsers(portalId, checked.value, request.signal), 201)
}

/** `DELETE {basePath}/portals/{portalId}/users/{userId}`. */
export async function removePortalUserRoute(
  context: HandlerContext,
  request: Request,
  portalId: string,
  userId: string,
): Promise<Response> {
  const client = await admin(context, request, 'users.remove', portalId, userId)
  await client.removeUser(portalId, userId, request.signal)
  return json({})
}
