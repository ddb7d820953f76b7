import { MAX_INVITES_PER_REQUEST as MAX_INVITES, MAX_NAME_LENGTH, toPortalDomain } from '../../../core/portalAdmin.js'
import type { SimulatorContext } from '../context.js'
import { type Issues, optional, type Rec } from '../validation.js'
import { domainOwner, type Invitee } from './portals.js'

function name(issues: Issues, value: unknown): string | undefined {
  return issues.string(value, ['body', 'name'], { minLength: 1, maxLength: MAX_NAME_LENGTH })
}

/** `custom_domain`: a host name, or null. */
function customDomain(issues: Issues, value: unknown): string | null {
  if (value === undefined || value === null) return null
  const domain = issues.string(value, ['body', 'custom_domain'])
  if (domain === undefined) return null
  const host = toPortalDomain(domain)
  if (host === null) {
    issues.valueError(['body', 'custom_domain'], 'custom_domain must be a host name such as portal.example.com', value)
  }
  return host ?? domain.toLowerCase()
}

/** A custom domain already used by another portal: checked once the portal is known to exist. */
export function checkDomainFree(
  ctx: SimulatorContext,
  issues: Issues,
  domain: string | null | undefined,
  portalId?: string,
) {
  if (domain && domainOwner(ctx, domain, portalId)) {
    issues.valueError(['body', 'custom_domain'], 'custom_domain is already used by another portal', domain)
  }
}

export function checkCreate(ctx: SimulatorContext, issues: Issues, body: Rec) {
  const rawName = issues.present(body, 'name', ['body'])
  const portalName = rawName === undefined ? undefined : name(issues, rawName)
  const domain = customDomain(issues, body.custom_domain)
  checkDomainFree(ctx, issues, domain)
  return portalName === undefined ? undefined : { name: portalName, custom_domain: domain }
}

export function checkUpdate(issues: Issues, body: Rec) {
  const update: { name?: string; custom_domain?: string | null } = {}
  if (body.name !== undefined) {
    const portalName = name(issues, body.name)
    if (portalName !== undefined) update.name = portalName
  }
  if (body.custom_domain !== undefined) update.custom_domain = customDomain(issues, body.custom_domain)
  if (body.name === undefined && body.custom_domain === undefined) {
    issues.valueError(['body'], 'give at least one of name and custom_domain', body)
  }
  return update
}

export function checkInvite(issues: Issues, body: Rec): Invitee[] {
  const users = issues.present(body, 'users', ['body'])
  if (users === undefined) return []
  if (!Array.isArray(users)) {
    issues.add({ type: 'list_type', loc: ['body', 'users'], msg: 'Input should be a valid list', input: users })
    return []
  }
  if (users.length === 0 || users.length > MAX_INVITES) {
    const [type, bound] =
      users.length === 0 ? ['too_short', 'at least 1 item'] : ['too_long', `at most ${MAX_INVITES} items`]
    issues.add({
      type,
      loc: ['body', 'users'],
      msg: `List should have ${bound} after validation, not ${users.length}`,
      input: users,
      ctx: { field_type: 'List', actual_length: users.length },
    })
    return []
  }
  const invitees: Invitee[] = []
  for (const [index, item] of users.entries()) {
    const loc = ['body', 'users', index]
    const user = issues.model(item, loc, 'PortalUserInvite')
    if (!user) continue
    const rawEmail = issues.present(user, 'email', loc)
    const email = rawEmail === undefined ? undefined : issues.string(rawEmail, [...loc, 'email'])
    const names: (string | null)[] = []
    for (const key of ['first_name', 'last_name']) {
      const value = optional(user, key)
      names.push(
        value === undefined ? null : (issues.string(value, [...loc, key], { maxLength: MAX_NAME_LENGTH }) ?? null),
      )
    }
    if (email !== undefined) invitees.push({ email, first_name: names[0] ?? null, last_name: names[1] ?? null })
  }
  return invitees
}
