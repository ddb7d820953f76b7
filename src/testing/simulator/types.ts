import type { RequestHandler } from 'msw'
import type { Demographics, DemographicsAddress } from '../../core/demographics.js'
import type { PortalResponse, PortalUserResponse } from '../../core/portalAdmin.js'

/** The vendor APIs the simulator plays, plus the pages behind the signed URLs it hands out. */
export type SimulatedApi = 'junction' | 'management' | 'userhub' | 'portalAdmin' | 'pages'

export interface SimulatorBaseUrls {
  /** Junction API hosts. Default: the four production and sandbox hosts (us, eu). */
  junction?: readonly string[] | undefined
  /** Junction Management API. Default `https://api.management.junction.com`. */
  management?: string | undefined
  /** UserHub admin API. Default `https://api.userhub.com`. */
  userhub?: string | undefined
  /** Portal administration API. Default `https://portal-admin.simulator.test`. */
  portalAdmin?: string | undefined
  /** Where the pages behind signed URLs live. Default `https://pages.simulator.test`. */
  pages?: string | undefined
}

export interface ResolvedBaseUrls {
  junction: readonly string[]
  management: string
  userhub: string
  portalAdmin: string
  pages: string
}

export interface SimulatorKeys {
  /** Junction team API key (`x-vital-api-key`). Default `sk_sim_junction`. */
  junction?: string | undefined
  /** Junction Management key (`X-Management-Key`). Default `mg_sim_management`. */
  management?: string | undefined
  /** UserHub admin key (`Authorization: Bearer`). Default `uh_sim_admin`. */
  userhub?: string | undefined
  /** Portal administration key (`Authorization: Bearer`). Default `pa_sim_admin`. */
  portalAdmin?: string | undefined
}

export type ResolvedKeys = { [K in keyof SimulatorKeys]-?: string }

/** Lifetimes of the signed URLs, in seconds. Zero or less makes URLs that are expired when issued. */
export interface SimulatorExpiresIn {
  /** Portal URLs with context `launch`. Default 300. */
  launch?: number | undefined
  /** Portal URLs with context `communications`. Default 1 209 600 (two weeks). */
  communications?: number | undefined
  /** Dashboard URLs. Default 300. */
  dashboard?: number | undefined
  /** UserHub `redirectUrl`s (their real lifetime is unpublished). Default 300. */
  userhub?: number | undefined
}

/**
 * How the simulator plays what the vendors do not publish. Each default is the form the simulator always
 * played; the other values play the other plausible forms, so that a test can run a server against each.
 */
export interface UnpublishedVendorBehaviour {
  /**
   * `GET /v2/user/{user_id}/info/latest` for a user without demographics: `not_found` (default) 404,
   * `unprocessable` 422, or `empty` 200 with every field null.
   */
  noDemographics?: 'not_found' | 'unprocessable' | 'empty' | undefined
  /**
   * The unit of `expires_in` in `create_portal_url` and `create_dashboard_url` answers: `seconds`
   * (default), or `milliseconds` (the same lifetimes, stated 1000 times larger).
   */
  expiresInUnit?: 'seconds' | 'milliseconds' | undefined
  /**
   * Whether `create_dashboard_url` needs one id of each member/team pair: `optional` (default: a missing
   * team is `teamId`), or `required` (a body without one answers 422).
   */
  dashboardIdPairs?: 'optional' | 'required' | undefined
  /**
   * A path with a trailing slash, on the FastAPI APIs (`junction`, `management`, `portalAdmin`): `ignore`
   * (default: served as without it), or `redirect` (307 to the path without it, as FastAPI does).
   */
  trailingSlash?: 'ignore' | 'redirect' | undefined
}

export interface VendorSimulatorOptions {
  baseUrls?: SimulatorBaseUrls | undefined
  keys?: SimulatorKeys | undefined
  /** The Junction Management organisation the management key belongs to. */
  orgId?: string | undefined
  expiresIn?: SimulatorExpiresIn | undefined
  /** Delay before every answer, in ms (a `setTimeout`, so fake timers control it). Default 0. */
  latencyMs?: number | undefined
  /** Makes every id repeatable: two simulators with the same seed, given the same calls, make the same ids. */
  seed?: number | undefined
  /** HMAC secret of the signed-URL tokens. Default: random (derived from `seed` when one is given). */
  signingSecret?: string | undefined
  /** Which form each behaviour the vendors do not publish takes. Default: the forms listed there. */
  unpublished?: UnpublishedVendorBehaviour | undefined
  /** How the signed URLs read. Default: one page per kind, each with a signed token. */
  signedUrls?: SignedUrlMinting | undefined
}

/**
 * How the simulator writes the signed URLs it hands out. The defaults play the vendors: unguessable
 * tokens, one page per kind. Tests that assert URLs or open them in a page of their own change them.
 */
export interface SignedUrlMinting {
  /**
   * `jwt` (default): an HS256 JWT. `sequential`: `t1`, `t2`… in the order issued, which tests can read and
   * predict, and which anyone can guess: never use them where a link leaves the test.
   */
  tokens?: 'jwt' | 'sequential' | undefined
  /**
   * One path below `baseUrls.pages` for every kind (it may carry a query; `token=` is added to it). The
   * simulator's page at that path opens whichever kind the token is for. Default: `/junction/portal`,
   * `/junction/dashboard` and `/userhub/signin`.
   */
  path?: string | undefined
}

/** What `configure` can change on a running simulator. */
export type VendorSimulatorSettings = Pick<VendorSimulatorOptions, 'expiresIn' | 'latencyMs'>

/** How an injected failure answers. */
export type SimulatedFailureKind =
  | 'rate_limit'
  | 'server_error'
  | 'unavailable'
  | 'timeout'
  | 'not_found'
  | 'unprocessable'

export interface SimulatedFailure {
  api: SimulatedApi
  /**
   * `rate_limit` 429, `server_error` 500, `unavailable` 503, `timeout` no answer until the request is
   * aborted, `not_found` 404, `unprocessable` the API's refusal of a request (422 with FastAPI's `detail`,
   * or UserHub's 400 `INVALID_ARGUMENT`) naming `fields`.
   */
  kind: SimulatedFailureKind
  /** How many of the next calls of `api` fail. Default 1. */
  times?: number | undefined
  /** Sends `Retry-After` with this many seconds (429 and 503 only). Junction promises none. */
  retryAfterSeconds?: number | undefined
  /**
   * `unprocessable` only: the refused fields, as dotted paths of the request body (UserHub names only the
   * first). Default `[{ path: 'body', message: 'Field required' }]`.
   */
  fields?: readonly { path: string; message: string }[] | undefined
}

/** A call the simulator received. Never holds keys, query strings or bodies. */
export interface RecordedVendorRequest {
  api: SimulatedApi
  method: string
  /** The path below the API's base URL, as sent (percent-encoding kept). */
  path: string
}

/** Demographics as the simulator may hold them: possibly incomplete, to play users who are not ready. */
export type SimulatedDemographics = {
  [K in Exclude<keyof Demographics, 'address'>]?: Demographics[K] | undefined
} & {
  address?: { [K in keyof DemographicsAddress]?: DemographicsAddress[K] | undefined } | null | undefined
}

export interface JunctionUserRecord {
  user_id: string
  team_id: string
  client_user_id: string
  created_on: string
  fallback_time_zone: string | null
  fallback_birth_date: string | null
  ingestion_start: string | null
  ingestion_end: string | null
}

export interface SeedJunctionUserInput {
  /** Default: `sim-user-{n}`. */
  clientUserId?: string | undefined
  demographics?: SimulatedDemographics | null | undefined
}

export interface SeedPortalUser {
  /** Default: a new id (the global account's, for an address that has one). */
  id?: string | undefined
  email: string
  firstName?: string | undefined
  lastName?: string | undefined
  /** Default `'invited'`. */
  status?: 'invited' | 'active' | undefined
  /** ISO time, or null when the vendor does not know it. Default: now. */
  invitedAt?: string | null | undefined
  /** ISO time of an active user. Default: now for an active user, else null. */
  joinedAt?: string | null | undefined
}

export interface SeedPortalInput {
  /** Default: a new uuid. */
  id?: string | undefined
  name: string
  customDomain?: string | null | undefined
  users?: readonly SeedPortalUser[] | undefined
}

export interface GlobalAccountRecord {
  id: string
  email: string
}

export interface UserhubUserRecord {
  id: string
  /** Set for users imported through `<externalId>@<connectionId>`. */
  externalId: string | null
  connectionId: string | null
}

export interface JunctionPortalClaims {
  kind: 'junction.portal'
  user_id: string
  context: 'launch' | 'communications'
  order_id: string | null
}

export interface JunctionDashboardClaims {
  kind: 'junction.dashboard'
  org_id: string
  feature: string
  modality: 'feature_embed' | 'link_out'
  environment: 'production' | 'sandbox'
  member_id: string | null
  integration_member_id: string | null
  team_id: string | null
  integration_team_id: string | null
  /** The `data` of the messages the page posts to its parent. */
  messages: {
    created: { order_id: string; user_id: string; team_id: string }
    cancelled: { user_id: string | null; team_id: string }
  }
}

export interface UserhubSigninClaims {
  kind: 'userhub.signin'
  user_id: string
  account_id: string
  portal_url: string
  return_url: string | null
  success_url: string | null
  organization_id: string | null
}

/** What a signed URL grants. */
export type SignedUrlClaims = JunctionPortalClaims | JunctionDashboardClaims | UserhubSigninClaims

/** A signed URL the simulator handed out (test helpers may read it; it is never logged). */
export type IssuedTokenRecord = SignedUrlClaims & {
  id: string
  url: string
  /** Epoch ms. */
  issuedAt: number
  /** Epoch ms. */
  expiresAt: number
  /** Epoch ms of the page load that consumed it, or null. */
  usedAt: number | null
}

/** Read access to the simulator's state; every call returns copies. */
export interface VendorSimulatorState {
  junctionUsers(): JunctionUserRecord[]
  junctionUser(userId: string): JunctionUserRecord | undefined
  junctionUserByClientId(clientUserId: string): JunctionUserRecord | undefined
  /** The user's demographics as stored, or null when none were set. */
  demographics(userId: string): SimulatedDemographics | null
  portals(): PortalResponse[]
  portal(portalId: string): PortalResponse | undefined
  /** The portal's users, oldest first; empty for an unknown portal. */
  portalUsers(portalId: string): PortalUserResponse[]
  globalAccounts(): GlobalAccountRecord[]
  userhubUsers(): UserhubUserRecord[]
  userhubUser(id: string): UserhubUserRecord | undefined
  /** Every signed URL handed out, oldest first. */
  issuedTokens(): IssuedTokenRecord[]
}

export interface VendorSimulator {
  /** Answers one request like the vendor would. Plain Fetch API: usable in Node, browsers and workers. */
  handle(request: Request): Promise<Response>
  /** MSW handlers that pass every request under the base URLs to `handle`. */
  readonly handlers: RequestHandler[]
  readonly baseUrls: ResolvedBaseUrls
  readonly keys: ResolvedKeys
  readonly orgId: string
  /** The Junction team every simulated user belongs to. */
  readonly teamId: string
  readonly state: VendorSimulatorState
  /** Every call received, oldest first (failed and refused ones included). */
  readonly requests: readonly RecordedVendorRequest[]
  /** Creates a Junction user (as `POST /v2/user` would) and returns its `user_id`. */
  seedJunctionUser(input?: SeedJunctionUserInput): Promise<string>
  /** Replaces a Junction user's demographics; null removes them. Incomplete ones are kept as given. */
  setDemographics(userId: string, demographics: SimulatedDemographics | null): void
  /** Creates a portal (with users, if given) and returns its id. */
  seedPortal(input: SeedPortalInput): string
  /** Registers a global account, which bulk invites then link instead of inviting. Returns its id. */
  seedGlobalAccount(email: string): string
  /** Registers a UserHub user id, so that `:createPortalSession` finds it. */
  seedUserhubUser(id: string): void
  /** Makes bulk invites of `email` fail with `reason`, as the vendor does for an address it cannot invite. */
  refuseInvites(email: string, reason: string): void
  /** Changes lifetimes or latency from the next call on. */
  configure(settings: VendorSimulatorSettings): void
  /** Makes the next calls of an API fail. Calls queue up in order. */
  fail(failure: SimulatedFailure): void
  /** Forgets all state, injected failures and recorded requests, and restarts the id sequence. */
  reset(): void
}
