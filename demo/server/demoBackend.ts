import {
  type AuthorizeContext,
  createEmbedHandler,
  defaultAuthorize,
  type EmbedHandler,
  type JunctionDashboardTarget,
  type ResolvedUser,
} from '../../src/server/index.js'
import { simulatorHandlerOptions, startSimulator } from '../../src/testing/index.js'

// The demo's server side: `createEmbedHandler` wired to the vendor simulator on 127.0.0.1 (no keys
// needed), or to the real vendors when their keys are in the environment.

/** The demo's patients: host ids, as an EHR would have them. */
export const DEMO_PATIENTS = {
  ada: { id: 'patient-ada', name: 'Ada Lovelace' },
  grace: { id: 'patient-grace', name: 'Grace Hopper' },
} as const

const DEMO_CLINICIAN = 'clinician-ruth'
const DEMO_USERHUB_USER = 'uh-demo-user'
const DEMO_TEAM = 'demo-clinic'

/** The demo clinic's portal on the simulator, and the people on it at the start. */
const DEMO_PORTAL = {
  name: 'Northwind patients',
  users: [
    { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', status: 'active' as const },
    { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', status: 'invited' as const },
    { email: 'alan@example.com', firstName: 'Alan', lastName: 'Turing', status: 'active' as const },
    { email: 'katherine@example.com', firstName: 'Katherine', lastName: 'Johnson', status: 'invited' as const },
  ],
}
/** Has an account elsewhere already: inviting it links that account. */
export const DEMO_EXISTING_ACCOUNT = 'edsger@example.com'

export interface DemoBackend {
  handler: EmbedHandler
  /** The portal the Admin tab manages, when portal administration is configured. */
  portalId: string | undefined
  /** `simulator` (with its URL) or `vendors`. */
  mode: 'simulator' | 'vendors'
  simulatorUrl: string | undefined
  close(): Promise<void>
}

export interface DemoBackendOptions {
  /** The demo page's own origins: where the billing portal may send the user back to. */
  hostOrigins: readonly string[]
  env?: Record<string, string | undefined>
  /** Lifetime of simulated `launch` portal URLs, in seconds (the end-to-end tests shorten it). */
  launchExpiresIn?: number | undefined
}

/** The demo's signed-in clinician (a real host reads its session), and whom they act for now. */
interface DemoUser extends ResolvedUser {
  staffId: string
  actingFor: string | undefined
}

const DEMO_PATIENT_IDS: ReadonlySet<string> = new Set(Object.values(DEMO_PATIENTS).map((patient) => patient.id))
const DEMO_FEATURES: ReadonlySet<string> = new Set(['order_creation', 'team_panels'])

/**
 * The demo's policy, as a real host would write it. The clinician acts for the clinic's patients only
 * (the portal for now, or a link to send them), administers the clinic's own portal, and opens the
 * dashboard's known features in the sandbox as themselves: no member or team id is taken from the browser.
 */
function policy(hostOrigins: readonly string[], clinicPortal: () => string | undefined) {
  return {
    allowedOrigins: hostOrigins,
    resolveUser: (_request: Request, { subject }: { subject: string | undefined }): DemoUser | null => {
      if (subject === undefined) {
        return {
          clientUserId: DEMO_CLINICIAN,
          userhubUserId: DEMO_USERHUB_USER,
          staffId: DEMO_CLINICIAN,
          actingFor: undefined,
        }
      }
      return DEMO_PATIENT_IDS.has(subject)
        ? { clientUserId: subject, staffId: DEMO_CLINICIAN, actingFor: subject }
        : null
    },
    authorize: (request: Request, context: AuthorizeContext<DemoUser>) => {
      const { action, user } = context
      if (action.type === 'admin') return action.portalId !== undefined && action.portalId === clinicPortal()
      if (action.type === 'signed-url' && action.target.kind === 'junction.user_portal' && user.actingFor) {
        return DEMO_PATIENT_IDS.has(user.actingFor) && action.target.order_id === undefined
      }
      if (action.type === 'signed-url' && action.target.kind === 'junction.dashboard') {
        const { target } = action
        const idsFromBrowser =
          target.member_id ?? target.integration_member_id ?? target.team_id ?? target.integration_team_id
        return DEMO_FEATURES.has(target.feature) && target.environment === 'sandbox' && idsFromBrowser === undefined
      }
      if (action.type === 'demographics.read' || action.type === 'demographics.write') {
        return action.subject === undefined || DEMO_PATIENT_IDS.has(action.subject)
      }
      return defaultAuthorize(request, context)
    },
    authorizeDashboard: (_request: Request, _target: JunctionDashboardTarget, user: DemoUser) => ({
      integration_member_id: user.staffId,
      integration_team_id: DEMO_TEAM,
    }),
  }
}

/** Starts the backend the environment asks for. */
export async function startDemoBackend(options: DemoBackendOptions): Promise<DemoBackend> {
  const env = options.env ?? process.env
  if (env.JUNCTION_API_KEY || env.JUNCTION_MANAGEMENT_KEY || env.USERHUB_ADMIN_KEY) {
    const portalId = env.PORTAL_ADMIN_API_KEY ? env.PORTAL_ID : undefined
    const handler = createEmbedHandler({
      ...policy(options.hostOrigins, () => portalId),
      ...(env.JUNCTION_API_KEY
        ? {
            junction: {
              apiKey: env.JUNCTION_API_KEY,
              environment: env.JUNCTION_ENVIRONMENT === 'production' ? 'production' : 'sandbox',
              region: env.JUNCTION_REGION === 'eu' ? 'eu' : 'us',
            },
          }
        : {}),
      ...(env.JUNCTION_MANAGEMENT_KEY && env.JUNCTION_ORG_ID
        ? { junctionManagement: { managementKey: env.JUNCTION_MANAGEMENT_KEY, orgId: env.JUNCTION_ORG_ID } }
        : {}),
      ...(env.USERHUB_ADMIN_KEY ? { userhub: { adminApiKey: env.USERHUB_ADMIN_KEY } } : {}),
      ...(env.PORTAL_ADMIN_API_KEY && env.PORTAL_ADMIN_BASE_URL
        ? { portalAdmin: { apiKey: env.PORTAL_ADMIN_API_KEY, baseUrl: env.PORTAL_ADMIN_BASE_URL } }
        : {}),
    })
    return { handler, mode: 'vendors', simulatorUrl: undefined, portalId, close: async () => {} }
  }

  const sim = await startSimulator({
    simulator: { seed: 7, expiresIn: { launch: options.launchExpiresIn ?? 300 } },
  })
  // Ada's details are on file; Grace is new to Junction and has none (the demographics gate asks).
  await sim.simulator.seedJunctionUser({
    clientUserId: DEMO_PATIENTS.ada.id,
    demographics: {
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      phone_number: '+14155550123',
      gender: 'female',
      dob: '1985-12-10',
      address: { first_line: '12 St James Sq', city: 'London', state: 'LND', zip: 'SW1Y 4LB', country: 'GB' },
    },
  })
  await sim.simulator.seedJunctionUser({ clientUserId: DEMO_CLINICIAN })
  sim.simulator.seedUserhubUser(DEMO_USERHUB_USER)
  const portalId = sim.simulator.seedPortal(DEMO_PORTAL)
  sim.simulator.seedGlobalAccount(DEMO_EXISTING_ACCOUNT)
  const handler = createEmbedHandler({
    ...policy(options.hostOrigins, () => portalId),
    // Keys, base URLs, and a urlPolicy that hands out the simulator's loopback pages and nothing else.
    ...simulatorHandlerOptions(sim),
  })
  return { handler, mode: 'simulator', simulatorUrl: sim.url, portalId, close: () => sim.close() }
}
