import { missingDemographics } from '../../core/demographics.js'
import type { EmbedFieldError } from '../../core/errors.js'
import {
  type JunctionDashboardTarget,
  type JunctionUserPortalTarget,
  type UserhubPortalTarget,
  validateTarget,
} from '../../core/target.js'
import { originMatches } from '../../core/url-safety.js'
import { VendorError } from '../clients/vendor-fetch.js'
import { type HandlerContext, junctionUserId, notConfigured, requireUser } from '../context.js'
import { json, readJsonObject, WireError } from '../http.js'
import type { DashboardIdentity } from '../options.js'
import { wireErrorFromVendor } from '../vendor-errors.js'

const PAIRS = [
  ['member_id', 'integration_member_id'],
  ['team_id', 'integration_team_id'],
] as const

/** `POST {basePath}/signed-url`: `{"target"}` in, `{"url", "expires_in"}` or `{"redirectUrl"}` out. */
export async function signedUrlRoute(context: HandlerContext, request: Request): Promise<Response> {
  const body = await readJsonObject(request)
  const extra = Object.keys(body).filter((key) => key !== 'target')
  const checked = validateTarget(body.target)
  if (!checked.ok || extra.length > 0) {
    const fields: EmbedFieldError[] = [
      ...extra.map((key) => ({ path: key, message: 'is not a field of this request' })),
      ...(checked.ok
        ? []
        : checked.fields.map((f) => ({ path: f.path ? `target.${f.path}` : 'target', message: f.message }))),
    ]
    throw new WireError(422, 'validation_error', 'The target is invalid.', { fields })
  }
  const target = checked.target
  switch (target.kind) {
    case 'junction.user_portal':
      return userPortal(context, request, target)
    case 'junction.dashboard':
      return json(await dashboardUrl(context, request, target))
    case 'userhub.portal':
      return userhubPortal(context, request, target)
  }
}

async function userPortal(
  context: HandlerContext,
  request: Request,
  target: JunctionUserPortalTarget,
): Promise<Response> {
  const junction = context.junction
  if (!junction) throw notConfigured('Junction')
  const user = await requireUser(context, request, target.subject)
  const userId = await junctionUserId(context, user, request.signal)
  try {
    const portal = await junction.createPortalUrl(
      userId,
      { context: target.context, order_id: target.order_id },
      request.signal,
    )
    return json({ url: portal.url, expires_in: portal.expires_in })
  } catch (error) {
    if (!(error instanceof VendorError) || error.status !== 422) throw error
    // Junction's 422 body is not documented: the demographics on file say whether they are the reason.
    const missing = missingDemographics(await junction.getDemographics(userId, request.signal))
    if (missing.length === 0) throw error
    throw new WireError(422, 'demographics_required', 'The patient’s demographics must be completed first.', {
      missing,
    })
  }
}

/** Signs a dashboard target for the member and team `authorizeDashboard` names (shared with continuation). */
export async function dashboardUrl(
  context: HandlerContext,
  request: Request,
  target: JunctionDashboardTarget,
): Promise<{ url: string; expires_in: number }> {
  const management = context.management
  if (!management) throw notConfigured('Junction Connect')
  const authorize = context.options.authorizeDashboard
  if (!authorize) throw new WireError(403, 'forbidden', 'Dashboards need authorizeDashboard on the server.')
  const identity = await authorize(request, target)
  if (!identity) throw new WireError(403, 'forbidden', 'You may not open this dashboard.')
  const ids = pickIdentity(identity)
  return management.createDashboardUrl(
    { ...ids, feature: target.feature, modality: target.modality, environment: target.environment },
    request.signal,
  )
}

function pickIdentity(identity: DashboardIdentity): DashboardIdentity {
  const picked: DashboardIdentity = {}
  for (const [id, integrationId] of PAIRS) {
    if (identity[id] && identity[integrationId]) {
      throw new Error(`authorizeDashboard returned both ${id} and ${integrationId}; return one of them.`)
    }
    if (identity[id]) picked[id] = identity[id]
    if (identity[integrationId]) picked[integrationId] = identity[integrationId]
  }
  return picked
}

async function userhubPortal(
  context: HandlerContext,
  request: Request,
  target: UserhubPortalTarget,
): Promise<Response> {
  const userhub = context.userhub
  if (!userhub) throw notConfigured('UserHub')
  const own = new URL(request.url).origin
  const fields = (['return_url', 'success_url'] as const).flatMap((key) => {
    const value = target[key]
    if (!value) return []
    const url = new URL(value)
    const allowed =
      url.origin === own || (context.options.allowedOrigins && originMatches(url, context.options.allowedOrigins))
    return allowed ? [] : [{ path: `target.${key}`, message: 'must be on this site or one of its allowed origins' }]
  })
  if (fields.length > 0) throw new WireError(422, 'validation_error', 'The return address is not allowed.', { fields })
  const user = await requireUser(context, request, undefined)
  if (!user.userhubUserId) throw new WireError(403, 'forbidden', 'This account has no billing portal.')
  try {
    const session = await userhub.createPortalSession(
      user.userhubUserId,
      {
        portalUrl: target.portal_url,
        returnUrl: target.return_url,
        successUrl: target.success_url,
        organizationId: target.organization_id,
      },
      request.signal,
    )
    return json({ redirectUrl: session.redirectUrl })
  } catch (error) {
    if (!(error instanceof VendorError) || error.status !== 400) throw error
    // UserHub names the refused parameter: report it where the browser sent it, under `target`.
    const wire = wireErrorFromVendor(error, context.options.logger, 'signed-url')
    const fields = wire.extra.fields?.map((f) => ({ ...f, path: `target.${f.path}` }))
    throw new WireError(wire.status, wire.code, wire.message, fields ? { fields } : {})
  }
}
