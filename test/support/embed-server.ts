import { createEmbedHandler } from '../../src/server/createEmbedHandler.js'
import type { EmbedHandlerOptions } from '../../src/server/options.js'
import type { EmbedLogger } from '../../src/server/types.js'
import { createVendorSimulator, simulatorHandlerOptions, type VendorSimulatorOptions } from '../../src/testing/index.js'
import { server } from './msw-server.js'

export const ORIGIN = 'https://ehr.example.com'

import { COMPLETE_DEMOGRAPHICS } from './fixtures.js'

export { COMPLETE_DEMOGRAPHICS }

/** A vendor simulator on MSW and a handler wired to it, with a logger that keeps every line. */
export function setupEmbedServer(
  overrides: Partial<EmbedHandlerOptions> = {},
  simulatorOptions: VendorSimulatorOptions = {},
) {
  const simulator = createVendorSimulator({ seed: 7, ...simulatorOptions })
  server.use(...simulator.handlers)
  const logs: string[] = []
  const logger: EmbedLogger = {
    warn: (message, details) => logs.push(`warn ${message} ${JSON.stringify(details ?? {})}`),
    error: (message, details) => logs.push(`error ${message} ${JSON.stringify(details ?? {})}`),
  }
  const options: EmbedHandlerOptions = {
    ...simulatorHandlerOptions(simulator),
    resolveUser: async () => ({ clientUserId: 'host-user-1' }),
    logger,
    ...overrides,
  }
  const embed = createEmbedHandler(options)

  function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return embed(
      new Request(`${ORIGIN}/api/portals${path}`, {
        method,
        headers: {
          origin: ORIGIN,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? null : JSON.stringify(body),
      }),
    )
  }

  return { simulator, embed, call, logs, options }
}
