// @ts-check
// The vendors: the real ones when their keys are set, else the simulator with the EHR's people.
import { CLINICIAN, PATIENTS, patientClientUserId, staffClientUserId } from './records.js'

/**
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{
 *   options: Pick<import('embedded-portals/server').EmbedHandlerOptions, 'junction' | 'junctionManagement' | 'urlPolicy'>
 *   browserOrigins: string[]; allowInsecureLocalhost: boolean; frameSources: string[]
 *   simulatorUrl?: string; close(): Promise<void>
 * }>}
 */
export async function vendorsFrom(env) {
  if (env.JUNCTION_API_KEY) {
    const environment = env.JUNCTION_ENVIRONMENT === 'production' ? 'production' : 'sandbox'
    return {
      options: {
        junction: { apiKey: env.JUNCTION_API_KEY, environment },
        ...(env.JUNCTION_MANAGEMENT_KEY && env.JUNCTION_ORG_ID
          ? { junctionManagement: { managementKey: env.JUNCTION_MANAGEMENT_KEY, orgId: env.JUNCTION_ORG_ID } }
          : {}),
      },
      browserOrigins: ['https://*.junction.com'],
      allowInsecureLocalhost: false,
      frameSources: ['https://*.ehr.junction.com'],
      close: async () => {},
    }
  }
  // Only without keys: the test kit (and msw) never load in production.
  const { SAMPLE_DEMOGRAPHICS, simulatorHandlerOptions, startSimulator } = await import('embedded-portals/testing')
  const sim = await startSimulator({
    port: Number(env.SIMULATOR_PORT ?? 0),
    // Repeatable ids: after `POST {simulator}/control/reset` the seeded people get the same Junction ids,
    // which the handler's user store keeps.
    simulator: { seed: 1 },
    seedData: {
      junctionUsers: [
        ...PATIENTS.map((patient) => ({
          clientUserId: patientClientUserId(patient.id),
          demographics: patient.id === 'ada' ? SAMPLE_DEMOGRAPHICS : null,
        })),
        { clientUserId: staffClientUserId(CLINICIAN.id) },
      ],
    },
  })
  const { junction, junctionManagement, urlPolicy } = simulatorHandlerOptions(sim)
  return {
    options: { junction, junctionManagement, urlPolicy },
    browserOrigins: [sim.url],
    allowInsecureLocalhost: true,
    frameSources: [sim.url],
    simulatorUrl: sim.url,
    close: () => sim.close(),
  }
}
