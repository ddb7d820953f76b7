import { createEmbedHandler, type EmbedHandler, type EmbedHandlerOptions } from '../../src/server/index.js'
import { startSimulator } from '../../src/testing/index.js'

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
  env?: Record<string, string | undefined>
  /** Lifetime of simulated `launch` portal URLs, in seconds (the end-to-end tests shorten it). */
  launchExpiresIn?: number | undefined
}

/** Who may act for whom: the demo clinician for the two demo patients, nobody else. */
function resolveUser(subject: string | undefined) {
  if (subject === undefined) return { clientUserId: DEMO_CLINICIAN, userhubUserId: DEMO_USERHUB_USER }
  const known = Object.values(DEMO_PATIENTS).some((patient) => patient.id === subject)
  return known ? { clientUserId: subject } : null
}

const common: Pick<EmbedHandlerOptions, 'resolveUser' | 'authorizeDashboard' | 'authorizeAdmin'> = {
  // The demo's one signed-in clinician is the clinic's administrator. A real host checks its session here.
  authorizeAdmin: async () => true,
  resolveUser: async (_request, { subject }) => resolveUser(subject),
  authorizeDashboard: async (_request, target) => ({
    integration_member_id: target.integration_member_id ?? DEMO_PATIENTS.ada.id,
    integration_team_id: DEMO_TEAM,
  }),
}

/** Starts the backend the environment asks for. */
export async function startDemoBackend(options: DemoBackendOptions = {}): Promise<DemoBackend> {
  const env = options.env ?? process.env
  if (env.JUNCTION_API_KEY || env.JUNCTION_MANAGEMENT_KEY || env.USERHUB_ADMIN_KEY) {
    const handler = createEmbedHandler({
      ...common,
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
    const portalId = env.PORTAL_ADMIN_API_KEY ? env.PORTAL_ID : undefined
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
    ...common,
    junction: { apiKey: sim.keys.junction, baseUrl: sim.baseUrls.junction },
    junctionManagement: { managementKey: sim.keys.management, orgId: sim.orgId, baseUrl: sim.baseUrls.management },
    userhub: { adminApiKey: sim.keys.userhub, baseUrl: sim.baseUrls.userhub },
    portalAdmin: { apiKey: sim.keys.portalAdmin, baseUrl: sim.baseUrls.portalAdmin },
  })
  return { handler, mode: 'simulator', simulatorUrl: sim.url, portalId, close: () => sim.close() }
}
