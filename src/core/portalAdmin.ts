/**
 * Request and response shapes of the portal-administration API (`/v1/portal`). The vendor publishes the
 * operations but not their schemas; these are the library's, kept in this one module and read
 * tolerantly (extra fields are ignored, optional ones may be absent or null).
 */

import { codePointLength } from './codePoints.js'
import type { ItemRead } from './itemReads.js'
import { isRecord } from './untrusted.js'

/** `POST /v1/portal`. */
export interface PortalCreateRequest {
  name: string
  /** A host name such as `portal.example.com`, or null for none. */
  custom_domain?: string | null | undefined
}

/** `PATCH /v1/portal/{portal_id}`: at least one field. */
export interface PortalUpdateRequest {
  name?: string | undefined
  custom_domain?: string | null | undefined
}

/** A portal, as the create and update operations answer it. */
export interface PortalResponse {
  id: string
  name: string
  custom_domain: string | null
  created_at: string | null
}

/** One person to invite in a bulk invite. */
export interface PortalUserInvite {
  email: string
  first_name?: string | undefined
  last_name?: string | undefined
}

/** `POST /v1/portal/{portal_id}/users`. */
export interface PortalUserInviteRequest {
  users: PortalUserInvite[]
}

/**
 * What happened to one invited address: a new guest, an existing global account linked, or a failure.
 * `unconfirmed`: the request succeeded but this address's result could not be read (or was missing), so
 * it may have been invited; the portal's user list tells. Never sent by the vendor: the library sets it.
 */
export type PortalUserInviteStatus = 'invited' | 'linked' | 'failed' | 'unconfirmed'

/** One address of a bulk invite, and what became of it. */
export interface PortalUserInviteResult {
  email: string
  status: PortalUserInviteStatus
  user_id: string | null
  /** Why it failed, for `failed`. */
  error: string | null
}

/**
 * `POST /v1/portal/{portal_id}/users` answers one result per address, in the order sent. A result the
 * library cannot read is skipped (and logged), and its address is `unconfirmed`.
 */
export interface PortalUserInviteResponse {
  results: PortalUserInviteResult[]
}

/** `invited`: asked, not yet joined; `active`: has an account on the portal. */
export type PortalUserStatus = 'invited' | 'active'

/** An item of `GET /v1/portal/{portal_id}/users`. */
export interface PortalUserResponse {
  id: string
  email: string
  first_name: string | null
  last_name: string | null
  status: PortalUserStatus
  invited_at: string | null
  joined_at: string | null
}

/** The most people one bulk-invite request may list; `useInvitePortalUsers` sends longer lists in batches. */
export const MAX_INVITES_PER_REQUEST = 500

/** The longest portal name, and the longest first or last name of an invited person. */
export const MAX_NAME_LENGTH = 200

// Local part: up to 64 characters, no space, control or invisible formatting character, none of the
// characters that delimit addresses, no dot at either end and no two dots in a row.
const LOCAL = /^(?!\.)(?!.*\.\.)[^\s@<>()[\]\\,;:"\p{C}]{1,64}(?<!\.)$/u
// Domain: two or more labels of letters, digits and inner hyphens; the last one letters or punycode.
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?'
const DOMAIN = new RegExp(`^(?:${LABEL}\\.)+(?:\\p{L}{2,63}|xn--[a-z0-9-]{1,59})$`, 'iu')

/** True for what both sides accept as an address to invite (the vendor may still refuse it). */
export function isInviteEmail(value: string): boolean {
  const at = value.lastIndexOf('@')
  return codePointLength(value) <= 254 && at > 0 && LOCAL.test(value.slice(0, at)) && DOMAIN.test(value.slice(at + 1))
}

const ASCII_HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/

/**
 * A portal's custom domain as the vendor is sent it: a host name in lower case, an international one in
 * punycode (`portal.bücher.de` → `portal.xn--bcher-kva.de`). Null for anything else: a scheme, a port, a
 * path, a trailing dot, an IP address, a single label.
 */
export function toPortalDomain(value: string): string | null {
  if (!/^[\p{L}\p{N}.-]+$/u.test(value)) return null
  let host = value.toLowerCase()
  if (/\P{ASCII}/u.test(host)) {
    try {
      host = new URL(`http://${host}/`).hostname
    } catch {
      return null
    }
  }
  return ASCII_HOST.test(host) ? host : null
}

/** A person's first and last name, or an empty string. */
export function personName(person: Pick<PortalUserInvite | PortalUserResponse, 'first_name' | 'last_name'>): string {
  return [person.first_name, person.last_name].filter(Boolean).join(' ')
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/** Reads a portal from an untrusted body, or returns null when its required fields are missing. */
export function readPortal(value: unknown): PortalResponse | null {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.name !== 'string') return null
  return {
    id: value.id,
    name: value.name,
    custom_domain: text(value.custom_domain),
    created_at: text(value.created_at),
  }
}

const isInviteStatus = (value: unknown): value is PortalUserInviteStatus =>
  value === 'invited' || value === 'linked' || value === 'failed' || value === 'unconfirmed'

/** Reads a portal user from an untrusted item, or names the field that is missing or wrong. */
export function portalUserItem(value: unknown): ItemRead<PortalUserResponse> {
  if (!isRecord(value)) return { ok: false, field: 'item' }
  if (typeof value.id !== 'string' || value.id === '') return { ok: false, field: 'id' }
  if (typeof value.email !== 'string') return { ok: false, field: 'email' }
  const joinedAt = text(value.joined_at)
  return {
    ok: true,
    value: {
      id: value.id,
      email: value.email,
      first_name: text(value.first_name),
      last_name: text(value.last_name),
      // A status this library does not know yet is read from the dates: joined means active.
      status: value.status === 'active' || value.status === 'invited' ? value.status : joinedAt ? 'active' : 'invited',
      invited_at: text(value.invited_at),
      joined_at: joinedAt,
    },
  }
}

/** Reads one bulk-invite result from an untrusted item, or names the field that is missing or wrong. */
export function inviteResultItem(value: unknown): ItemRead<PortalUserInviteResult> {
  if (!isRecord(value)) return { ok: false, field: 'item' }
  if (typeof value.email !== 'string') return { ok: false, field: 'email' }
  const { status } = value
  if (!isInviteStatus(status)) return { ok: false, field: 'status' }
  return {
    ok: true,
    value: {
      email: value.email,
      status,
      user_id: text(value.user_id),
      error: text(value.error),
    },
  }
}
