import type { EmbedFieldError } from '../../core/errors.js'
import {
  isInviteEmail,
  MAX_INVITES_PER_REQUEST as MAX_INVITES,
  type PortalCreateRequest,
  type PortalUpdateRequest,
  type PortalUserInvite,
} from '../../core/portal-admin.js'
import { type HandlerContext, notConfigured } from '../context.js'
import { json, readJsonObject, WireError } from '../http.js'

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i

function invalid(fields: EmbedFieldError[]): WireError {
  return new WireError(422, 'validation_error', 'The request is invalid.', { fields })
}

function readName(value: unknown, fields: EmbedFieldError[], required: boolean): string | undefined {
  if (value === undefined && !required) return undefined
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200) {
    fields.push({ path: 'name', message: 'must be a name of 1 to 200 characters' })
    return undefined
  }
  return value.trim()
}

function readDomain(value: unknown, fields: EmbedFieldError[]): string | null | undefined {
  if (value === undefined || value === null) return value
  if (typeof value !== 'string' || !HOSTNAME.test(value)) {
    fields.push({ path: 'custom_domain', message: 'must be a host name such as portal.example.com' })
    return undefined
  }
  return value.toLowerCase()
}

function rejectUnknown(body: Record<string, unknown>, allowed: readonly string[], fields: EmbedFieldError[]): void {
  for (const key of Object.keys(body))
    if (!allowed.includes(key)) fields.push({ path: key, message: 'is not a field of this request' })
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
  const body = await readJsonObject(request)
  const fields: EmbedFieldError[] = []
  rejectUnknown(body, ['name', 'custom_domain'], fields)
  const name = readName(body.name, fields, creating)
  const domain = readDomain(body.custom_domain, fields)
  if (!creating && body.name === undefined && body.custom_domain === undefined) {
    fields.push({ path: 'name', message: 'give a name or a custom_domain to change' })
  }
  if (fields.length > 0) throw invalid(fields)
  const portal: PortalUpdateRequest = {}
  if (name !== undefined) portal.name = name
  if (domain !== undefined) portal.custom_domain = domain
  return portal
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
  await client.deletePortal(portalId, request.signal)
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
  const body = await readJsonObject(request)
  const fields: EmbedFieldError[] = []
  rejectUnknown(body, ['users'], fields)
  const users: PortalUserInvite[] = []
  if (!Array.isArray(body.users) || body.users.length === 0 || body.users.length > MAX_INVITES) {
    fields.push({ path: 'users', message: `must list 1 to ${MAX_INVITES} people` })
  } else {
    body.users.forEach((item: unknown, index) => {
      const entry = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {}
      if (typeof entry.email !== 'string' || !isInviteEmail(entry.email.trim())) {
        fields.push({ path: `users.${index}.email`, message: 'must be an email address' })
        return
      }
      const invite: PortalUserInvite = { email: entry.email.trim() }
      if (typeof entry.first_name === 'string') invite.first_name = entry.first_name
      if (typeof entry.last_name === 'string') invite.last_name = entry.last_name
      users.push(invite)
    })
  }
  if (fields.length > 0) throw invalid(fields)
  return json(await client.inviteUsers(portalId, { users }, request.signal), 201)
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
