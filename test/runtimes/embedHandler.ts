import { createEmbedHandler, type EmbedHandler } from '../../src/server/index.js'
import type { SimulatorHandlerOptions } from '../../src/testing/index.js'

/** What the test hands a runtime, as JSON: where the simulator is, and who the caller is there. */
export interface RuntimeConfig {
  vendors: SimulatorHandlerOptions
  /** A Junction user of its own per runtime, so that each sees one with no demographics yet. */
  clientUserId: string
  userhubUserId: string
  teamId: string
}

/**
 * `createEmbedHandler` over a simulator on loopback, as `test/support/conformance-server.ts` builds it for
 * Node, with a short body deadline so that the check's slow rule takes a moment, not 10 s.
 */
export function embedHandler(config: RuntimeConfig): EmbedHandler {
  return createEmbedHandler({
    ...config.vendors,
    bodyTimeoutMs: 300,
    resolveUser: async () => ({ clientUserId: config.clientUserId, userhubUserId: config.userhubUserId }),
    authorizeDashboard: async () => ({ team_id: config.teamId }),
  })
}
