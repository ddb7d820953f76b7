// @ts-check
// Where the vendors are: the real ones when their keys are in the environment, else the simulator.

/**
 * @typedef {object} Vendors
 * @property {'vendors' | 'simulator'} mode
 * @property {Pick<import('embedded-portals/server').EmbedHandlerOptions, 'junction' | 'junctionManagement' | 'userhub' | 'urlPolicy'>} options
 *   createEmbedHandler's vendor options
 * @property {{ allowedOrigins: string[], allowInsecureLocalhost: boolean }} browser
 *   what the browser's <EmbedProvider> may open or frame: the same origins the server hands out
 * @property {string[]} frameSources the dashboard's origins, for the page's Content-Security-Policy
 * @property {string | undefined} simulatorUrl
 * @property {() => Promise<void>} close
 */

/**
 * @param {Record<string, string | undefined>} env
 * @returns {Promise<Vendors>}
 */
export async function vendorsFrom(env) {
  if (env.JUNCTION_API_KEY || env.JUNCTION_MANAGEMENT_KEY || env.USERHUB_ADMIN_KEY) {
    const environment = env.JUNCTION_ENVIRONMENT === 'production' ? 'production' : 'sandbox'
    return {
      mode: 'vendors',
      options: {
        ...(env.JUNCTION_API_KEY ? { junction: { apiKey: env.JUNCTION_API_KEY, environment } } : {}),
        ...(env.JUNCTION_MANAGEMENT_KEY
          ? { junctionManagement: { managementKey: env.JUNCTION_MANAGEMENT_KEY, orgId: env.JUNCTION_ORG_ID ?? '' } }
          : {}),
        ...(env.USERHUB_ADMIN_KEY ? { userhub: { adminApiKey: env.USERHUB_ADMIN_KEY } } : {}),
      },
      browser: { allowedOrigins: ['https://*.junction.com', 'https://*.userhub.app'], allowInsecureLocalhost: false },
      frameSources: ['https://*.ehr.junction.com'],
      simulatorUrl: undefined,
      close: async () => {},
    }
  }
  // Loaded only here: the testing entry needs msw, a development dependency.
  const [{ simulatorHandlerOptions }, { startExampleSimulator }] = await Promise.all([
    import('embedded-portals/testing'),
    import('./simulator.js'),
  ])
  const sim = await startExampleSimulator({ port: env.SIMULATOR_PORT ? Number(env.SIMULATOR_PORT) : 0 })
  const pages = new URL(sim.baseUrls.pages).origin
  return {
    mode: 'simulator',
    // Keys, base URLs, and a urlPolicy that hands out the simulator's http://127.0.0.1 pages and nothing else.
    options: simulatorHandlerOptions(sim),
    // Development only: the simulator's pages are plain http on loopback, which the browser must be told to accept.
    browser: { allowedOrigins: [pages], allowInsecureLocalhost: true },
    frameSources: [pages],
    simulatorUrl: sim.url,
    close: () => sim.close(),
  }
}
