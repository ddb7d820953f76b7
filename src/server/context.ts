import type { UrlPolicy } from '../core/urlSafety.js'
import type { JunctionClient } from './clients/junction.js'
import type { JunctionManagementClient } from './clients/junctionManagement.js'
import type { PortalAdminClient } from './clients/portalAdmin.js'
import type { UserhubClient } from './clients/userhub.js'
import { MAX_BODY_BYTES, readJsonObject, WireError } from './http.js'
import type { EmbedHandlerOptions, ResolvedUser, UserStore } from './options.js'
import type { RequestRecord } from './requestRecord.js'

/** What every route gets: the options, one client per configured vendor, the user store, and its route. */
export interface HandlerContext {
  // Each host's `User` type is erased here: the routes only read the `ResolvedUser` fields.
  options: EmbedHandlerOptions<ResolvedUser>
  /** The route's template (`/portals/:portalId/users`): what logs carry instead of the raw path. */
  route: string
  /** What this request did, for its audit event and span: the action, the user and the decision go here. */
  record: RequestRecord
  /** How long a request body may take to arrive. */
  bodyTimeoutMs: number
  /** What every URL handed out must satisfy: `urlPolicy`, with the vendors' origins by default. */
  urlPolicy: UrlPolicy
  junction: JunctionClient | undefined
  management: JunctionManagementClient | undefined
  userhub: UserhubClient | undefined
  portalAdmin: PortalAdminClient | undefined
  userStore: UserStore
}

export function notConfigured(vendor: string): WireError {
  return new WireError(404, 'not_found', `${vendor} is not configured on this server.`)
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

/** The request's JSON object body, read only now: at most `limit` bytes, arrived within `bodyTimeoutMs`. */
export function readBody(context: HandlerContext, request: Request, limit = MAX_BODY_BYTES) {
  return readJsonObject(request, { limit, timeoutMs: context.bodyTimeoutMs })
}
