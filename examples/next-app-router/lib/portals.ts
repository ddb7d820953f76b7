import { createEmbedHandler, defaultAuthorize, type EmbedHandlerOptions } from 'embedded-portals/server'
import { patientClientUserId, staffClientUserId } from './records'
import { getSession } from './session'

// The host's endpoint for the components, served by app/api/portals/[...path]/route.ts. The vendor keys
// stay on the server: they are read from the environment when the route first loads, never at build time.

/** Dashboard features the clinic uses; everything else is refused. */
const DASHBOARD_FEATURES: ReadonlySet<string> = new Set(['order_creation', 'team_panels'])

/**
 * The vendors, from the environment. A vendor without its key is left out (its routes answer 404), so
 * that `next build`, which loads this module without any key, does not fail. `*_BASE_URL` and
 * NEXT_PUBLIC_SIMULATOR_PAGES_ORIGIN are set by scripts/simulator.mjs for the vendor simulator only.
 */
function vendorOptions(env: NodeJS.ProcessEnv) {
  const options: Pick<EmbedHandlerOptions, 'junction' | 'junctionManagement' | 'urlPolicy'> = {}
  const environment = env.JUNCTION_ENVIRONMENT === 'production' ? 'production' : 'sandbox'
  if (env.JUNCTION_API_KEY) {
    options.junction = { apiKey: env.JUNCTION_API_KEY, environment, baseUrl: env.JUNCTION_BASE_URL }
  }
  if (env.JUNCTION_MANAGEMENT_KEY) {
    options.junctionManagement = {
      managementKey: env.JUNCTION_MANAGEMENT_KEY,
      orgId: env.JUNCTION_ORG_ID ?? '',
      baseUrl: env.JUNCTION_MANAGEMENT_BASE_URL,
    }
  }
  const simulatorPages = process.env.NEXT_PUBLIC_SIMULATOR_PAGES_ORIGIN
  if (simulatorPages) {
    // The simulator's pages are http://127.0.0.1: hand out those and nothing else.
    options.urlPolicy = { allowedOrigins: [simulatorPages], allowInsecureLocalhost: true }
  }
  return options
}

export const portalsHandler = createEmbedHandler({
  ...vendorOptions(process.env),
  // The URL path of app/api/portals.
  basePath: '/api/portals',
  // This app's public origin, such as https://clinic.example.com. Needed: in a route handler, Next.js
  // gives `request.url` the server's own host name and port (http://localhost:3000 by default), not the
  // Host the browser used, so the handler's cross-site check would refuse every POST and PUT from the
  // real origin (403) without it.
  allowedOrigins: process.env.APP_ORIGIN ? [process.env.APP_ORIGIN] : undefined,
  // Who is calling: the signed-in clinician; acting for a patient, the Junction user is the patient's.
  async resolveUser(request, { subject }) {
    const session = await getSession(request)
    if (!session) return null // 401
    const clientUserId = subject === undefined ? staffClientUserId(session.clinicianId) : patientClientUserId(subject)
    return { ...session, clientUserId }
  },
  // What they may do; anything not handled here gets the library's default (only what names nobody but
  // the caller; never administration).
  authorize(request, context) {
    const { action, user } = context
    if (action.type === 'signed-url' && action.target.kind === 'junction.user_portal') {
      const { subject, order_id } = action.target
      // A patient in the clinician's care: the portal now, or a link to send; no order deep link.
      if (subject !== undefined) return user.patientIds.has(subject) && order_id === undefined
    }
    if (action.type === 'demographics.read' || action.type === 'demographics.write') {
      if (action.subject !== undefined) return user.patientIds.has(action.subject)
    }
    if (action.type === 'signed-url' && action.target.kind === 'junction.dashboard') {
      const { feature, environment, member_id, integration_member_id, team_id, integration_team_id } = action.target
      const idsFromBrowser = [member_id, integration_member_id, team_id, integration_team_id]
      return (
        DASHBOARD_FEATURES.has(feature) && environment === 'sandbox' && idsFromBrowser.every((id) => id === undefined)
      )
    }
    return defaultAuthorize(request, context)
  },
  // Which member and team a dashboard opens for: the signed-in clinician's own, never the browser's.
  authorizeDashboard: (_request, _target, user) => ({
    integration_member_id: user.clinicianId,
    integration_team_id: user.teamId,
  }),
  logger: console,
  // Every request on record, allowed or refused, before its answer leaves: one JSON line in the server's
  // log (the terminal of `next dev` or `next start`). A real clinic sends it to storage the app cannot
  // rewrite: a table, a log pipeline (docs/audit.md).
  audit: (event) => {
    process.stdout.write(`${JSON.stringify(event)}\n`)
  },
})
