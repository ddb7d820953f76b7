import type {
  PortalResponse,
  PortalUserInviteResult,
  PortalUserResponse,
  PortalUserStatus,
} from '../../../core/portalAdmin.js'
import type { SimulatorContext } from '../context.js'
import { isEmail } from '../junction/demographics.js'
import { pythonIsoTime } from '../responses.js'
import type { PortalRecord } from '../store.js'

export function portalJson(portal: PortalRecord): PortalResponse {
  return { id: portal.id, name: portal.name, custom_domain: portal.custom_domain, created_at: portal.created_at }
}

export function createPortal(
  ctx: SimulatorContext,
  name: string,
  customDomain: string | null,
  id = ctx.ids.uuid(),
): PortalRecord {
  const portal: PortalRecord = {
    id,
    name,
    custom_domain: customDomain,
    created_at: pythonIsoTime(Date.now()),
    users: new Map(),
  }
  ctx.store.portals.set(portal.id, portal)
  return portal
}

/** The portal (other than `exceptId`) that already uses a custom domain, if any. */
export function domainOwner(ctx: SimulatorContext, domain: string, exceptId?: string): PortalRecord | undefined {
  const wanted = domain.toLowerCase()
  for (const portal of ctx.store.portals.values()) {
    if (portal.id !== exceptId && portal.custom_domain?.toLowerCase() === wanted) return portal
  }
  return undefined
}

function hasMember(portal: PortalRecord, email: string): boolean {
  const wanted = email.toLowerCase()
  for (const user of portal.users.values()) if (user.email.toLowerCase() === wanted) return true
  return false
}

export interface Invitee {
  email: string
  first_name: string | null
  last_name: string | null
}

/** What seeding may fix about a user that an invite decides. */
export interface SeededFacts {
  id?: string | undefined
  invitedAt?: string | null | undefined
  joinedAt?: string | null | undefined
}

/** Adds a portal user directly (seeding), linking a global account when one has that address. */
export function addPortalUser(
  ctx: SimulatorContext,
  portal: PortalRecord,
  invitee: Invitee,
  status: PortalUserStatus,
  facts: SeededFacts = {},
): PortalUserResponse {
  const account = ctx.store.globalAccounts.get(invitee.email.toLowerCase())
  const now = pythonIsoTime(Date.now())
  const user: PortalUserResponse = {
    id: facts.id ?? account?.id ?? ctx.ids.uuid(),
    email: invitee.email,
    first_name: invitee.first_name,
    last_name: invitee.last_name,
    status,
    invited_at: facts.invitedAt !== undefined ? facts.invitedAt : now,
    joined_at: facts.joinedAt !== undefined ? facts.joinedAt : status === 'active' ? now : null,
  }
  portal.users.set(user.id, user)
  return user
}

/** One bulk invite: each address is linked to its global account, invited, or failed with a reason. */
export function invite(
  ctx: SimulatorContext,
  portal: PortalRecord,
  invitees: readonly Invitee[],
): PortalUserInviteResult[] {
  const seen = new Set<string>()
  return invitees.map((invitee): PortalUserInviteResult => {
    const email = invitee.email.trim()
    const key = email.toLowerCase()
    const failed = (error: string): PortalUserInviteResult => ({
      email: invitee.email,
      status: 'failed',
      user_id: null,
      error,
    })
    if (!isEmail(email)) return failed('Not a valid email address.')
    if (seen.has(key)) return failed('This address appears more than once in the request.')
    seen.add(key)
    const refused = ctx.store.refusedInvites.get(key)
    if (refused !== undefined) return failed(refused)
    if (hasMember(portal, email)) return failed('This address is already a user of this portal.')
    const linked = ctx.store.globalAccounts.has(key)
    const user = addPortalUser(ctx, portal, { ...invitee, email }, linked ? 'active' : 'invited')
    return { email: invitee.email, status: linked ? 'linked' : 'invited', user_id: user.id, error: null }
  })
}
