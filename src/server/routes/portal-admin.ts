import type { EmbedFieldError } from '../../core/errors.js'
import type { PortalCreateRequest, PortalUpdateRequest } from '../../core/portal-admin.js'
import { readInviteRequest, readPortalChanges } from '../../core/portal-admin-requests.js'
import { VendorError } from '../clients/vendor-fetch.js'
import { type HandlerContext, notConfigured } from '../context.js'
import { json, MAX_INVITE_BODY_BYTES, readJsonObject, WireError } from '../http.js'

function invalid(fields: EmbedFieldError[]): WireError {
  return new WireError(422, 'validation_error', 'The request is invalid.', { fields })
}

function admin(context: HandlerContext) {
  if (!context.portalAdmin) throw notConfigured('Portal administration')
  return context.portalAdmin
}

/** Admin routes need `authorizeAdmin` to say yes. */
export async function assertAdmin(context: HandlerContext, request: Request): Promise<void> {
  const authorize = context.options.authorizeAdmin
  if (!authorize || !(await authorize(request))) {
    throw new WireError(403, 'forbidden', 'Only administrators may manage portals.')
  }
}

/** Reads `{name, custom_domain}` for a create (name required) or an update (at least one field). */
async function readPortalBody(request: Request, creating: boolean): Promise<PortalUpdateRequest> {
  const checked = readPortalChanges(await readJsonObject(request), creating)
  if (!checked.ok) throw invalid(checked.fields)
  return checked.value
}

/** `POST {basePath}/portals`. */
export async function createPortalRoute(context: HandlerContext, request: Request): Promise<Response> {
  const client = admin(context)
  const { name = '', ...rest } = await readPortalBody(request, true)
  const payload: PortalCreateRequest = { name, ...rest }
  return json(await client.createPortal(payload, request.signal), 201)
}

/** `PATCH {basePath}/portals/{portalId}`. */
export async function updatePortalRoute(
  context: HandlerContext,
  request: Request,
  portalId: string,
): Promise<Response> {
  const client = admin(context)
  return json(await client.updatePortal(portalId, await readPortalBody(request, false), request.signal))
}

/** `DELETE {basePath}/portals/{portalId}?confirm={portalId}`: the portal's database is dropped, so it must be confirmed. */
export async function deletePortalRoute(
  context: HandlerContext,
  request: Request,
  portalId: string,
): Promise<Response> {
  const client = admin(context)
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
  return json(await admin(context).listUsers(portalId, request.signal))
}

/** `POST {basePath}/portals/{portalId}/users` with `{"users": [{email, first_name?, last_name?}]}`. */
export async function invitePortalUsersRoute(
  context: HandlerContext,
  request: Request,
  portalId: string,
): Promise<Response> {
  const client = admin(context)
  const checked = readInviteRequest(await readJsonObject(request, MAX_INVITE_BODY_BYTES))
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
  await admin(context).removeUser(portalId, userId, request.signal)
  return json({})
}
