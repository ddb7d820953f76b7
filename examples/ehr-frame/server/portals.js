// @ts-check
// The host's endpoint for the components. The user is the session the EHR launch made (a bearer token or
// a cookie: the server reads either and needs no cookie); the clinician may act only for the patient the
// EHR opened the app for.
import { createEmbedHandler, defaultAuthorize } from 'embedded-portals/server'
import { CLINICIAN, patientClientUserId, staffClientUserId } from './records.js'

/**
 * @param {object} options
 * @param {Pick<import('embedded-portals/server').EmbedHandlerOptions, 'junction' | 'junctionManagement' | 'urlPolicy'>} options.vendors
 * @param {ReturnType<typeof import('./sessions.js').createSessions>} options.sessions
 */
export function createPortalsHandler({ vendors, sessions }) {
  return createEmbedHandler({
    ...vendors,
    basePath: '/api/portals',
    resolveUser(request, { subject }) {
      const session = sessions.fromRequest(request)
      if (!session || session.clinicianId !== CLINICIAN.id) return null // 401
      return {
        clientUserId: subject === undefined ? staffClientUserId(session.clinicianId) : patientClientUserId(subject),
        staffId: session.clinicianId,
        patientId: session.patientId,
      }
    },
    authorize(request, context) {
      const { action, user } = context
      if (action.type === 'signed-url' && action.target.kind === 'junction.user_portal') {
        const { subject, order_id } = action.target
        if (subject !== undefined) return subject === user.patientId && order_id === undefined
      }
      if (action.type === 'demographics.read' || action.type === 'demographics.write') {
        if (action.subject !== undefined) return action.subject === user.patientId
      }
      if (action.type === 'signed-url' && action.target.kind === 'junction.dashboard') {
        const { feature, environment, member_id, integration_member_id, team_id, integration_team_id } = action.target
        const idsFromBrowser = [member_id, integration_member_id, team_id, integration_team_id]
        return feature === 'order_creation' && environment === 'sandbox' && idsFromBrowser.every((id) => !id)
      }
      return defaultAuthorize(request, context)
    },
    authorizeDashboard: (_request, _target, user) => ({
      integration_member_id: user.staffId,
      integration_team_id: CLINICIAN.teamId,
    }),
    logger: console,
  })
}
