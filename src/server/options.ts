import type { WireErrorCode } from '../core/errors.js'
import type { JunctionDashboardTarget, Target } from '../core/target.js'
import type { UrlPolicy } from '../core/urlSafety.js'
import type { JunctionOptions } from './clients/junction.js'
import type { JunctionManagementOptions } from './clients/junctionManagement.js'
import type { PortalAdminOptions } from './clients/portalAdmin.js'
import type { UserhubOptions } from './clients/userhub.js'
import type { VendorName } from './clients/vendorFetch.js'
import type { EmbedLogger } from './types.js'

/** Who the signed-in caller is at each vendor. Any field may be absent when that vendor is not used. */
export interface ResolvedUser {
  /** The Junction `user_id`, when the host already stores it. */
  junctionUserId?: string | undefined
  /** The host's own id for the user; the Junction user is created for it on first use. Never PII. */
  clientUserId?: string | undefined
  /** A UserHub user id, or `<externalId>@<connectionId>`. */
  userhubUserId?: string | undefined
}

/** What an admin request does. */
export type AdminOperation =
  | 'portal.create'
  | 'portal.update'
  | 'portal.delete'
  | 'users.list'
  | 'users.invite'
  | 'users.remove'

/**
 * One request to the endpoint, as the host's code sees it before any vendor call: a signed URL for the
 * whole validated `target`, a read or write of demographics (for `subject`, the browser's opaque id of
 * whom it acts for), or a portal-administration operation.
 */
export type EmbedAction =
  | { type: 'signed-url'; target: Target }
  | { type: 'demographics.read' | 'demographics.write'; subject: string | undefined }
  | { type: 'admin'; operation: AdminOperation; portalId: string | undefined; userId: string | undefined }

/** What `resolveUser` is told: the action, and the `subject` it names (the target's, or the demographics'). */
export interface ResolveUserContext {
  action: EmbedAction
  subject: string | undefined
}

/** What `authorize` decides on: the resolved caller and the whole action. */
export interface AuthorizeContext<User extends ResolvedUser = ResolvedUser> {
  user: User
  action: EmbedAction
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

/**
 * What Junction Connect's session continuation may open. Its `features` also bound the dashboards
 * `POST {basePath}/signed-url` mints: every other feature answers 422 naming `target.feature`.
 */
export interface ContinuationPolicy {
  /**
   * Feature slugs, or patterns such as `/^order:/`. Default: the known features (`order_creation`,
   * `order_creation:{id}`, `order:{id}`, `team_panels`, `team_config`).
   */
  features?: readonly (string | RegExp)[] | undefined
  modalities?: readonly ('feature_embed' | 'link_out')[] | undefined
  environments?: readonly ('production' | 'sandbox')[] | undefined
}

/** What the host's policy said: `authorize` (and, for a dashboard, `authorizeDashboard`). */
export type AuditDecision = 'allowed' | 'denied'

/**
 * One request to the handler, as an audit trail keeps it: who asked, what, for whom, when, whether it was
 * allowed, and how it ended. It never holds a signed URL, a key, a token, a body or a demographic value.
 */
export interface AuditEvent<User extends ResolvedUser = ResolvedUser> {
  /** When the request arrived, ISO 8601 in UTC (`2026-12-08T02:14:05.120Z`). */
  at: string
  /**
   * The request's id, also answered as the `X-Request-Id` header: the incoming `X-Request-Id` when it is
   * 1 to 128 letters, digits, `-`, `_`, `.` or `:`, else a new UUID. The browser reports it on errors
   * and launches, to join its events to this one.
   */
  requestId: string
  /** The route's template (`/signed-url`, `/portals/:portalId/users`); `*` for a path under no route. */
  route: string
  /** The HTTP method, in upper case. */
  method: string
  /** What was asked, as `resolveUser` and `authorize` saw it; `null` when refused before it was read. */
  action: EmbedAction | null
  /** The caller as `resolveUser` answered; `null` when it was not reached or answered `null` (signed out). */
  user: User | null
  /**
   * `'allowed'` or `'denied'` by `authorize` (a dashboard also needs `authorizeDashboard`); `null` when no
   * decision was reached (refused before, or a callback failed or timed out).
   */
  decision: AuditDecision | null
  /** The HTTP status answered. */
  status: number
  /** The wire error code, when `status` is 400 or more. */
  error?: WireErrorCode | undefined
  /** The vendor API last called for this request, when one was. */
  vendor?: VendorName | undefined
  /** From arrival to answer, in milliseconds (the audit sink's own time excluded). */
  durationMs: number
}

/** Where audit events go: a file, a table, a log pipeline. Awaited before the answer leaves. */
export type AuditSink<User extends ResolvedUser = ResolvedUser> = (event: AuditEvent<User>) => void | Promise<void>

export interface EmbedHandlerOptions<User extends ResolvedUser = ResolvedUser> {
  /** Where the wire protocol is served. Default `/api/portals`. */
  basePath?: string | undefined
  junction?: Omit<JunctionOptions, 'fetch' | 'timeoutMs' | 'logger' | 'onCall'> | undefined
  junctionManagement?: Omit<JunctionManagementOptions, 'fetch' | 'timeoutMs' | 'logger' | 'onCall'> | undefined
  userhub?: Omit<UserhubOptions, 'fetch' | 'timeoutMs' | 'logger' | 'onCall'> | undefined
  portalAdmin?: Omit<PortalAdminOptions, 'fetch' | 'timeoutMs' | 'logger' | 'onCall'> | undefined
  /**
   * The signed-in caller, from the host's own session, or `null` (401). Called for every route, admin
   * ones included, with the action the request asks for and the `subject` it names. Return whatever the
   * host needs later (a role, a tenant): `authorize` and `authorizeDashboard` receive it as it is.
   */
  resolveUser: (request: Request, context: ResolveUserContext) => User | null | Promise<User | null>
  /**
   * Decides every action before any vendor call: only exactly `true` allows; `false` answers 403
   * `forbidden`, and anything else (`"false"`, an object, a function) is refused too and logged as a
   * configuration error naming `authorize`. Default:
   * `defaultAuthorize`, which allows only what names nobody but the caller and refuses every admin action.
   * Compose it: `(request, c) => c.action.type === 'admin' ? isAdmin(c.user) : defaultAuthorize(request, c)`.
   */
  authorize?: ((request: Request, context: AuthorizeContext<User>) => boolean | Promise<boolean>) | undefined
  /**
   * The member and team a dashboard opens for, or `null` to refuse (403). Required for dashboards. Decide
   * them from the user, not from the target's ids, which the browser chose.
   */
  authorizeDashboard?:
    | ((
        request: Request,
        target: JunctionDashboardTarget,
        user: User,
      ) => DashboardIdentity | null | Promise<DashboardIdentity | null>)
    | undefined
  /**
   * Other origins whose browsers may write (same-origin setups need none), and the only origins a UserHub
   * `return_url` or `success_url` may point to (list your own origin for those). Never widened by the
   * request's `Host` or `X-Forwarded-*` headers.
   */
  allowedOrigins?: readonly string[] | undefined
  /**
   * What every URL this server hands out must satisfy (signed URLs, the continuation's redirect): https on
   * the vendors' origins (`DEFAULT_VENDOR_URL_ORIGINS`) unless this says otherwise. A simulator on
   * loopback needs `{ allowedOrigins: [its origin], allowInsecureLocalhost: true }`.
   */
  urlPolicy?: UrlPolicy | undefined
  /**
   * How long each of `resolveUser`, `authorize` and `authorizeDashboard` may take to settle, in ms. Past
   * it the request fails closed (`504 timeout`, logged with the callback's name) and no vendor is called.
   * Default 10 000.
   */
  decisionTimeoutMs?: number | undefined
  /** How long a request body may take to arrive, in ms, before a 408. Default 10 000. */
  bodyTimeoutMs?: number | undefined
  /** Per vendor call, in ms. Default 10 000. */
  timeoutMs?: number | undefined
  /** A `fetch` for the vendor calls. */
  fetch?: typeof fetch | undefined
  /** Default: a process-local map. */
  userStore?: UserStore | undefined
  /** Where the handler and its vendor clients log; nothing is logged without it. */
  logger?: EmbedLogger | undefined
  /**
   * Called once for every request that reaches the handler, allowed or refused, and awaited before the
   * answer leaves: an audit trail of who opened what, for whom, and how it ended. A sink that throws or
   * rejects is logged (its error's name) and never changes the answer. Recipes in docs/audit.md.
   */
  audit?: AuditSink<User> | undefined
  /** Limits of Junction Connect's session continuation (`GET {basePath}/junction/continue`). */
  continuation?: ContinuationPolicy | undefined
}
