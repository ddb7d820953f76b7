import type { JunctionDashboardTarget } from '../core/target.js'
import type { JunctionOptions } from './clients/junction.js'
import type { JunctionManagementOptions } from './clients/junction-management.js'
import type { PortalAdminOptions } from './clients/portal-admin.js'
import type { UserhubOptions } from './clients/userhub.js'

/** Who the signed-in caller is at each vendor. Any field may be absent when that vendor is not used. */
export interface ResolvedUser {
  /** The Junction `user_id`, when the host already stores it. */
  junctionUserId?: string | undefined
  /** The host's own id for the user; the Junction user is created for it on first use. Never PII. */
  clientUserId?: string | undefined
  /** A UserHub user id, or `<externalId>@<connectionId>`. */
  userhubUserId?: string | undefined
}

/** The member and team a dashboard opens for: one of each pair. */
export interface DashboardIdentity {
  member_id?: string | undefined
  integration_member_id?: string | undefined
  team_id?: string | undefined
  integration_team_id?: string | undefined
}

/** Where `clientUserId → Junction user_id` is remembered, so each user is created once. */
export interface UserStore {
  get(clientUserId: string): string | undefined | null | Promise<string | undefined | null>
  set(clientUserId: string, junctionUserId: string): void | Promise<void>
}

/** Log lines carry the route, vendor, operation and status: never keys, URLs, bodies or demographics. */
export interface EmbedLogger {
  warn(message: string, details?: Record<string, unknown>): void
  error(message: string, details?: Record<string, unknown>): void
}

/** What Junction Connect's session continuation may open. */
export interface ContinuationPolicy {
  /** Feature slugs, or patterns such as `/^order:/`. Default: the known features. */
  features?: readonly (string | RegExp)[] | undefined
  modalities?: readonly ('feature_embed' | 'link_out')[] | undefined
  environments?: readonly ('production' | 'sandbox')[] | undefined
}

export interface EmbedHandlerOptions {
  /** Where the wire protocol is served. Default `/api/portals`. */
  basePath?: string | undefined
  junction?: Omit<JunctionOptions, 'fetch' | 'timeoutMs'> | undefined
  junctionManagement?: Omit<JunctionManagementOptions, 'fetch' | 'timeoutMs'> | undefined
  userhub?: Omit<UserhubOptions, 'fetch' | 'timeoutMs'> | undefined
  portalAdmin?: Omit<PortalAdminOptions, 'fetch' | 'timeoutMs'> | undefined
  /**
   * The signed-in caller, from the host's own session. `subject` is the opaque id the browser asked to
   * act for (a patient, say); decide here whether the caller may. `null` answers 401.
   */
  resolveUser: (request: Request, context: { subject: string | undefined }) => Promise<ResolvedUser | null>
  /** The member and team a dashboard target opens for, or `null` to refuse (403). Required for dashboards. */
  authorizeDashboard?:
    | ((request: Request, target: JunctionDashboardTarget) => Promise<DashboardIdentity | null>)
    | undefined
  /** True when the caller may administer portals. Without it, every admin route answers 403. */
  authorizeAdmin?: ((request: Request) => Promise<boolean>) | undefined
  /** Other origins whose browsers may write (CORS-free same-site setups need none). Also where return URLs may point. */
  allowedOrigins?: readonly string[] | undefined
  /** Per vendor call, in ms. Default 10 000. */
  timeoutMs?: number | undefined
  /** A `fetch` for the vendor calls. */
  fetch?: typeof fetch | undefined
  /** Default: a process-local map. */
  userStore?: UserStore | undefined
  logger?: EmbedLogger | undefined
  /** Limits of Junction Connect's session continuation (`GET {basePath}/junction/continue`). */
  continuation?: ContinuationPolicy | undefined
}
