import { missingDemographics } from '../../core/demographics.js'
import type { EmbedFieldError } from '../../core/errors.js'
import type {
  JunctionDashboardTarget,
  JunctionUserPortalTarget,
  Target,
  UserhubPortalTarget,
} from '../../core/target.js'
import { originMatches } from '../../core/urlSafety.js'
import { decide, withinDecisionTime } from '../authorize.js'
import { VendorError } from '../clients/vendorFetch.js'
import { type HandlerContext, junctionUserId, notConfigured, readBody } from '../context.js'
import { featureAllowed } from '../dashboardFeatures.js'
import { missingPairRefusal, pickIdentity } from '../dashboardIdentity.js'
import { json, WireError } from '../http.js'
import type { ResolvedUser } from '../options.js'
import { validateTarget } from '../targetValidation.js'
import { wireErrorFromVendor } from '../vendorErrors.js'
import { safeVendorUrl } from '../vendorUrls.js'

/**
 * `POST {basePath}/signed-url`: `{"target"}` in, `{"url", "expires_in"}` or `{"redirectUrl"}` out. The
 * whole validated target is the action that `resolveUser` and `authorize` see before any vendor call.
 */
export async function signedUrlRoute(context: HandlerContext, request: Request): Promise<Response> {
  const body = await readBody(context, request)
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
  if (target.kind === 'junction.dashboard' && !featureAllowed(target.feature, context.options.continuation)) {
    throw new WireError(422, 'validation_error', 'The target is invalid.', {
      fields: [{ path: 'target.feature', message: 'is not a feature this server opens (continuation.features)' }],
    })
  }
  const user = await decide(context, request, { type: 'signed-url', target })
  if (target.kind === 'userhub.portal') checkReturnUrls(context, target)
  switch (target.kind) {
    case 'junction.user_portal':
      return userPortal(context, request, target, user)
    case 'junction.dashboard':
      return json(await dashboardUrl(context, request, target, user))
    case 'userhub.portal':
      return userhubPortal(context, request, target, user)
  }
}

/**
 * The target fields each vendor call is sent from the browser's target: a vendor's refusal of one is the
 * browser's to fix, reported under `target.`. What the server chose itself (a Junction user, a dashboard's
 * member and team) is not the browser's: such a field error is left out, the message stays.
 */
const FORWARDED_FIELDS: Record<Target['kind'], readonly string[]> = {
  'junction.user_portal': ['context', 'order_id'],
  'junction.dashboard': ['feature', 'modality', 'environment'],
  'userhub.portal': ['portal_url', 'return_url', 'success_url', 'organization_id'],
}

/** A vendor's refusal of a signed URL, its field paths under `target.` (when it is a 400 or 422 at all). */
function refusalUnderTarget(context: HandlerContext, error: unknown, kind: Target['kind']): unknown {
  if (!(error instanceof VendorError) || (error.status !== 400 && error.status !== 422)) return error
  const wire = wireErrorFromVendor(error, context.options.logger, context.route)
  const fields = (wire.extra.fields ?? [])
    .filter((f) => FORWARDED_FIELDS[kind].includes(f.path))
    .map((f) => ({ ...f, path: `target.${f.path}` }))
  return new WireError(wire.status, wire.code, wire.message, fields.length > 0 ? { fields } : {})
}

/** Return and success URLs must be on an origin the server lists: the request's own headers never count. */
function checkReturnUrls(context: HandlerContext, target: UserhubPortalTarget): void {
  const allowedOrigins = context.options.allowedOrigins ?? []
  const fields = (['return_url', 'success_url'] as const).flatMap((key) => {
    const value = target[key]
    if (!value || originMatches(new URL(value), allowedOrigins)) return []
    return [{ path: `target.${key}`, message: 'must be on one of the origins the server allows (allowedOrigins)' }]
  })
  if (fields.length > 0) throw new WireError(422, 'validation_error', 'The return address is not allowed.', { fields })
}

async function userPortal(
  context: HandlerContext,
  request: Request,
  target: JunctionUserPortalTarget,
  user: ResolvedUser,
): Promise<Response> {
  const junction = context.junction
  if (!junction) throw notConfigured('Junction')
  const userId = await junctionUserId(context, user, request.signal)
  try {
    const portal = await junction.createPortalUrl(
      userId,
      { context: target.context, order_id: target.order_id },
      request.signal,
    )
    return json({ url: safeVendorUrl(context, portal.url, 'create portal URL'), expires_in: portal.expires_in })
  } catch (error) {
    if (!(error instanceof VendorError) || error.status !== 422) throw error
    // Junction's 422 body is not documented: the demographics on file say whether they are the reason.
    const missing = missingDemographics(await junction.getDemographics(userId, request.signal))
    if (missing.length === 0) throw refusalUnderTarget(context, error, target.kind)
    throw new WireError(422, 'demographics_required', 'The patient’s demographics must be completed first.', {
      missing,
    })
  }
}

/**
 * Signs a dashboard target (already authorized) for the member and team `authorizeDashboard` names for
 * this user; shared with the continuation. The URL passes `urlPolicy` before it is handed out.
 */
export async function dashboardUrl(
  context: HandlerContext,
  request: Request,
  target: JunctionDashboardTarget,
  user: ResolvedUser,
): Promise<{ url: string; expires_in: number }> {
  const management = context.management
  if (!management) throw notConfigured('Junction Connect')
  const authorize = context.options.authorizeDashboard
  if (!authorize) throw new WireError(403, 'forbidden', 'Dashboards need authorizeDashboard on the server.')
  const identity = await withinDecisionTime(context, 'authorizeDashboard', () => authorize(request, target, user))
  if (!identity) {
    context.record.decision = 'denied'
    throw new WireError(403, 'forbidden', 'You may not open this dashboard.')
  }
  const ids = pickIdentity(identity)
  let signed: { url: string; expires_in: number }
  try {
    signed = await management.createDashboardUrl(
      { ...ids, feature: target.feature, modality: target.modality, environment: target.environment },
      request.signal,
    )
  } catch (error) {
    throw missingPairRefusal(context, error, ids) ?? refusalUnderTarget(context, error, target.kind)
  }
  return { url: safeVendorUrl(context, signed.url, 'create dashboard URL'), expires_in: signed.expires_in }
}

async function userhubPortal(
  context: HandlerContext,
  request: Request,
  target: UserhubPortalTarget,
  user: ResolvedUser,
): Promise<Response> {
  const userhub = context.userhub
  if (!userhub) throw notConfigured('UserHub')
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
    return json({ redirectUrl: safeVendorUrl(context, session.redirectUrl, 'create portal session') })
  } catch (error) {
    // UserHub names the refused parameter: reported where the browser sent it, under `target`.
    throw refusalUnderTarget(context, error, target.kind)
  }
}
