import type { EmbedHandlerOptions } from '../../server/options.js'
import type { RunningSimulator } from './http/startSimulator.js'
import type { VendorSimulator } from './types.js'

/** The vendor part of `createEmbedHandler`'s options that a simulator stands in for. */
export type SimulatorHandlerOptions = Required<
  Pick<EmbedHandlerOptions, 'junction' | 'junctionManagement' | 'userhub' | 'portalAdmin' | 'urlPolicy'>
>

/**
 * `createEmbedHandler`'s vendor options for a simulator (MSW or running on loopback): its keys and base
 * URLs, and a `urlPolicy` that hands out the simulator's pages and nothing else, so nobody copies them
 * by hand: `createEmbedHandler({ ...simulatorHandlerOptions(sim), resolveUser })`.
 */
export function simulatorHandlerOptions(simulator: VendorSimulator | RunningSimulator): SimulatorHandlerOptions {
  const sim = 'simulator' in simulator ? simulator.simulator : simulator
  const { baseUrls, keys } = sim
  const pages = new URL(baseUrls.pages)
  return {
    junction: { apiKey: keys.junction, baseUrl: baseUrls.junction[0] },
    junctionManagement: { managementKey: keys.management, orgId: sim.orgId, baseUrl: baseUrls.management },
    userhub: { adminApiKey: keys.userhub, baseUrl: baseUrls.userhub },
    portalAdmin: { apiKey: keys.portalAdmin, baseUrl: baseUrls.portalAdmin },
    urlPolicy: { allowedOrigins: [pages.origin], allowInsecureLocalhost: pages.protocol === 'http:' },
  }
}
