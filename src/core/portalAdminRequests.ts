import { codePointLength } from './codePoints.js'
import type { EmbedFieldError } from './errors.js'
import {
  isInviteEmail,
  MAX_INVITES_PER_REQUEST as MAX_INVITES,
  MAX_NAME_LENGTH,
  type PortalUpdateRequest,
  type PortalUserInvite,
  type PortalUserInviteRequest,
  toPortalDomain,
} from './portalAdmin.js'

// The checks of the host endpoint's admin request bodies, shared by the server's routes and the test
// kit's handlers, so that both refuse the same requests with the same field errors.

/** A request body read: its value, or the fields refused. */
export type CheckedRequest<T> = { ok: true; value: T } | { ok: false; fields: EmbedFieldError[] }

function readName(value: unknown, fields: EmbedFieldError[], required: boolean): string | undefined {
  if (value === undefined && !required) return undefined
  if (typeof value !== 'string' || value.trim() === '' || codePointLength(value.trim()) > MAX_NAME_LENGTH) {
    fields.push({ path: 'name', message: `must be a name of 1 to ${MAX_NAME_LENGTH} characters` })
    return undefined
  }
  return value.trim()
}

function readDomain(value: unknown, fields: EmbedFieldError[]): string | null | undefined {
  if (value === undefined || value === null) return value
  const domain = typeof value === 'string' ? toPortalDomain(value.trim()) : null
  if (domain === null) {
    fields.push({
      path: 'custom_domain',
      message: 'must be a host name such as portal.example.com, without a scheme, port or path',
    })
    return undefined
  }
  return domain
}

function rejectUnknown(
  body: Record<string, unknown>,
  allowed: readonly string[],
  fields: EmbedFieldError[],
  prefix = '',
): void {
  for (const key of Object.keys(body))
    if (!allowed.includes(key)) fields.push({ path: `${prefix}${key}`, message: 'is not a field of this request' })
}

/** One person of a bulk invite: an address, and optional names of at most 200 characters. */
function readInvitee(item: unknown, index: number, fields: EmbedFieldError[]): PortalUserInvite | undefined {
  const path = `users.${index}`
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    fields.push({ path, message: 'must be an object with an email' })
    return undefined
  }
  const entry = item as Record<string, unknown>
  const before = fields.length
  rejectUnknown(entry, ['email', 'first_name', 'last_name'], fields, `${path}.`)
  const email = typeof entry.email === 'string' ? entry.email.trim() : ''
  if (!isInviteEmail(email)) fields.push({ path: `${path}.email`, message: 'must be an email address' })
  const invite: PortalUserInvite = { email }
  for (const key of ['first_name', 'last_name'] as const) {
    const value = entry[key]
    if (value === undefined || value === null) continue
    if (typeof value !== 'string' || codePointLength(value.trim()) > MAX_NAME_LENGTH) {
      fields.push({ path: `${path}.${key}`, message: `must be text of at most ${MAX_NAME_LENGTH} characters` })
    } else if (value.trim() !== '') invite[key] = value.trim()
  }
  return fields.length === before ? invite : undefined
}

/** `{name, custom_domain}` of a create (name required) or an update (at least one of them). */
export function readPortalChanges(
  body: Record<string, unknown>,
  creating: boolean,
): CheckedRequest<PortalUpdateRequest> {
  const fields: EmbedFieldError[] = []
  rejectUnknown(body, ['name', 'custom_domain'], fields)
  const name = readName(body.name, fields, creating)
  const domain = readDomain(body.custom_domain, fields)
  if (!creating && body.name === undefined && body.custom_domain === undefined) {
    fields.push({ path: 'name', message: 'give a name or a custom_domain to change' })
  }
  if (fields.length > 0) return { ok: false, fields }
  const portal: PortalUpdateRequest = {}
  if (name !== undefined) portal.name = name
  if (domain !== undefined) portal.custom_domain = domain
  return { ok: true, value: portal }
}

/** `{users: [{email, first_name?, last_name?}]}`: 1 to 500 people, addresses checked, names trimmed. */
export function readInviteRequest(body: Record<string, unknown>): CheckedRequest<PortalUserInviteRequest> {
  const fields: EmbedFieldError[] = []
  rejectUnknown(body, ['users'], fields)
  const users: PortalUserInvite[] = []
  if (!Array.isArray(body.users) || body.users.length === 0 || body.users.length > MAX_INVITES) {
    fields.push({ path: 'users', message: `must list 1 to ${MAX_INVITES} people` })
  } else {
    body.users.forEach((item: unknown, index) => {
      const invite = readInvitee(item, index, fields)
      if (invite) users.push(invite)
    })
  }
  return fields.length > 0 ? { ok: false, fields } : { ok: true, value: { users } }
}
