import { isRecord } from '../core/untrusted.js'
import { VendorError } from './clients/vendorFetch.js'
import type { HandlerContext } from './context.js'
import { WireError } from './http.js'
import type { DashboardIdentity } from './options.js'
import { CREDENTIALS_RETRY_AFTER_S } from './vendorErrors.js'

const PAIRS = [
  ['member', 'member_id', 'integration_member_id'],
  ['team', 'team_id', 'integration_team_id'],
] as const

type Pair = (typeof PAIRS)[number][0]

const ID_FIELDS = new Set<string>(PAIRS.flatMap(([, id, integrationId]) => [id, integrationId]))

/** The ids `authorizeDashboard` returned, at most one of each pair; both of one pair is the host's bug. */
export function pickIdentity(identity: DashboardIdentity): DashboardIdentity {
  const picked: DashboardIdentity = {}
  for (const [, id, integrationId] of PAIRS) {
    if (identity[id] && identity[integrationId]) {
      throw new Error(`authorizeDashboard returned both ${id} and ${integrationId}; return one of them.`)
    }
    if (identity[id]) picked[id] = identity[id]
    if (identity[integrationId]) picked[integrationId] = identity[integrationId]
  }
  return picked
}

/** The pairs of which `identity` names neither id. */
function missingPairs(identity: DashboardIdentity): Pair[] {
  return PAIRS.filter(([, id, integrationId]) => !identity[id] && !identity[integrationId]).map(([pair]) => pair)
}

/** Mentions a member or team id field by name (a body-level message such as "one of team_id or …"). */
function mentionsId(text: unknown): boolean {
  return typeof text === 'string' && [...ID_FIELDS].some((field) => text.includes(field))
}

/**
 * Does a FastAPI 422 body speak of the member and team ids, and of nothing else? Each item must name an
 * id field in its location, or be a body-level item whose message names one; a detail string must name
 * one. A 422 that names nothing, or any other field, is some other refusal.
 */
function refusesIdsOnly(body: unknown): boolean {
  if (!isRecord(body)) return false
  if (!Array.isArray(body.detail)) return mentionsId(body.detail)
  return (
    body.detail.length > 0 &&
    body.detail.every((item) => {
      if (!isRecord(item) || !Array.isArray(item.loc)) return false
      const loc = item.loc.map(String)
      return loc.length <= 1 ? mentionsId(item.msg) : ID_FIELDS.has(loc[loc.length - 1] ?? '')
    })
  )
}

/**
 * Junction's refusal of a dashboard whose identity lacks a pair, or null for any other error. Whether
 * `create_dashboard_url` needs one id of each pair is unpublished, so the handler sends what
 * `authorizeDashboard` returned; a 422 then that speaks of those ids and nothing else is the server's configuration
 * at fault, not the browser's request: it is logged (which pair, which option) and answered 502 with a
 * `Retry-After` past the client's retries, as a refused key is.
 */
export function missingPairRefusal(
  context: HandlerContext,
  error: unknown,
  identity: DashboardIdentity,
): WireError | null {
  if (!(error instanceof VendorError) || error.status !== 422) return null
  const missing = missingPairs(identity)
  if (missing.length === 0 || !refusesIdsOnly(error.body)) return null
  context.options.logger?.error('vendor refused a dashboard without one id of each member/team pair', {
    route: context.route,
    vendor: error.vendor,
    operation: error.operation,
    status: error.status,
    missing,
    option: 'authorizeDashboard',
  })
  return new WireError(502, 'upstream_unavailable', 'The portal service refused to open this dashboard.', {
    headers: { 'retry-after': String(CREDENTIALS_RETRY_AFTER_S) },
  })
}
