// @ts-check
// The host's endpoint for the components: createEmbedHandler with the clinic's own policy. The browser
// proposes (a patient, a feature); this file decides, from the session, before any vendor is called.
import { appendFile } from 'node:fs/promises'
import { createEmbedHandler, defaultAuthorize } from 'embedded-portals/server'
import { patientClientUserId, patientsOf, staffClientUserId } from './records.js'
import { clinicianFromCookie } from './session.js'

/** Dashboard features the clinic uses; everything else is refused. */
const DASHBOARD_FEATURES = new Set(['order_creation'])

/**
 * @typedef {object} PortalsOptions
 * @property {Pick<import('embedded-portals/server').EmbedHandlerOptions, 'junction' | 'junctionManagement' | 'userhub' | 'urlPolicy'>} vendors
 *   the vendors' keys and base URLs (from the environment, or `simulatorHandlerOptions(sim)`)
 * @property {readonly string[]} appOrigins this app's own origins: where UserHub may send the user back to
 * @property {string} auditFile where every request's audit event is appended, one JSON line each
 */

/** @param {PortalsOptions} options */
export function createPortalsHandler({ vendors, appOrigins, auditFile }) {
  return createEmbedHandler({
    ...vendors,
    basePath: '/api/portals',
    // The only origins a billing return_url or success_url may point to (and whose browsers may write).
    allowedOrigins: appOrigins,
    // Who is calling: the signed-in clinician; acting for a patient, the Junction user is the patient's.
    resolveUser(request, { subject }) {
      const clinician = clinicianFromCookie(request.headers.get('cookie'))
      if (!clinician) return null // 401
      const patientIds = new Set(patientsOf(clinician.id).map((patient) => patient.id))
      return {
        clientUserId: subject === undefined ? staffClientUserId(clinician.id) : patientClientUserId(subject),
        userhubUserId: clinician.userhubUserId,
        staffId: clinician.id,
        teamId: clinician.teamId,
        patientIds,
      }
    },
    // What they may do. Anything not handled here gets the library's default: only what names nobody
    // but the caller (their own portal, their own billing without an organization), never administration.
    authorize(request, context) {
      const { action, user } = context
      if (action.type === 'signed-url' && action.target.kind === 'junction.user_portal') {
        const { subject, order_id } = action.target
        // A patient in the clinician's care: the portal now (`launch`) or a link to send (`communications`),
        // without an order deep link (this app never checks orders against patients).
        if (subject !== undefined) return user.patientIds.has(subject) && order_id === undefined
      }
      if (action.type === 'demographics.read' || action.type === 'demographics.write') {
        if (action.subject !== undefined) return user.patientIds.has(action.subject)
      }
      if (action.type === 'signed-url' && action.target.kind === 'junction.dashboard') {
        const { feature, environment, member_id, integration_member_id, team_id, integration_team_id } = action.target
        // Known features, in the sandbox, for the member and team the session says (authorizeDashboard):
        // never ids chosen by the browser.
        const idsFromBrowser = [member_id, integration_member_id, team_id, integration_team_id]
        return (
          DASHBOARD_FEATURES.has(feature) && environment === 'sandbox' && idsFromBrowser.every((id) => id === undefined)
        )
      }
      return defaultAuthorize(request, context)
    },
    // Which member and team a dashboard opens for: the signed-in clinician's own.
    authorizeDashboard: (_request, _target, user) => ({
      integration_member_id: user.staffId,
      integration_team_id: user.teamId,
    }),
    logger: console,
    // Every request on record, allowed or refused, before its answer leaves: who, what, for whom, how it
    // ended. A real clinic ships this file to storage the app cannot rewrite (see docs/audit.md).
    audit: (event) => appendFile(auditFile, `${JSON.stringify(event)}\n`),
  })
}
