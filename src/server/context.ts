import type { JunctionClient } from './clients/junction.js'
import type { JunctionManagementClient } from './clients/junction-management.js'
import type { PortalAdminClient } from './clients/portal-admin.js'
import type { UserhubClient } from './clients/userhub.js'
import { WireError } from './http.js'
import type { EmbedHandlerOptions, ResolvedUser, UserStore } from './options.js'

/** What every route gets: the options, one client per configured vendor, and the user store. */
export interface HandlerContext {
  options: EmbedHandlerOptions
  junction: JunctionClient | undefined
  management: JunctionManagementClient | undefined
  userhub: UserhubClient | undefined
  portalAdmin: PortalAdminClient | undefined
  userStore: UserStore
}

export function notConfigured(vendor: string): WireError {
  return new WireError(404, 'not_found', `${vendor} is not configured on this server.`)
}

/** The signed-in caller, or a 401. */
export async function requireUser(
  context: HandlerContext,
  request: Request,
  subject: string | undefined,
): Promise<ResolvedUser> {
  const user = await context.options.resolveUser(request, { subject })
  if (!user) throw new WireError(401, 'unauthorized', 'Sign in to open the portal.')
  return user
}

/** The caller's Junction `user_id`: given by the host, remembered, or created now (recovering a conflict). */
export async function junctionUserId(
  context: HandlerContext,
  user: ResolvedUser,
  signal: AbortSignal,
): Promise<string> {
  if (user.junctionUserId) return user.junctionUserId
  if (!user.clientUserId || !context.junction) {
    throw new WireError(403, 'forbidden', 'This account has no Junction user.')
  }
  const known = await context.userStore.get(user.clientUserId)
  if (known) return known
  const created = await context.junction.ensureUser(user.clientUserId, signal)
  await context.userStore.set(user.clientUserId, created)
  return created
}
