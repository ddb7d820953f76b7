import { expect, onTestFinished } from 'vitest'
import { createEmbedHandler } from '../../src/server/createEmbedHandler.js'
import type { AuditEvent, EmbedHandlerOptions } from '../../src/server/options.js'
import type { EmbedLogger } from '../../src/server/types.js'
import {
  createVendorSimulator,
  simulatorHandlerOptions,
  type VendorSimulator,
  type VendorSimulatorOptions,
} from '../../src/testing/index.js'
import { server } from './msw-server.js'

export const ORIGIN = 'https://ehr.example.com'

import { COMPLETE_DEMOGRAPHICS } from './fixtures.js'

export { COMPLETE_DEMOGRAPHICS }

/** Every string in `value`, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (typeof value !== 'object' || value === null) return []
  return Object.values(value).flatMap(strings)
}

/**
 * What no audit event may hold: the vendor keys, every signed URL the simulator issued and its token, and
 * every demographic value stored or sent.
 */
function secretsOf(simulator: VendorSimulator, options: EmbedHandlerOptions, sent: unknown[]): string[] {
  const keys = [
    options.junction?.apiKey,
    options.junctionManagement?.managementKey,
    options.userhub?.adminApiKey,
    options.portalAdmin?.apiKey,
  ]
  const tokens = simulator.state
    .issuedTokens()
    .flatMap((issued) => [issued.url, new URL(issued.url).searchParams.get('token'), issued.id])
  const demographics = [
    COMPLETE_DEMOGRAPHICS,
    ...simulator.state.junctionUsers().map((user) => simulator.state.demographics(user.user_id)),
    ...sent,
  ]
  return [...keys, ...tokens, ...strings(demographics)].filter((s): s is string => typeof s === 'string' && s !== '')
}

/**
 * Checks, once the test ends, every audit event the handler emitted against every secret it could have
 * leaked. The request id is left out: it is a random UUID (or one the test sent) and could match a zip
 * code by chance.
 */
function expectNoSecretsInAuditEvents(events: AuditEvent[], secrets: () => string[]): void {
  onTestFinished(() => {
    const serialised = events.map(({ requestId: _, ...event }) => JSON.stringify(event))
    for (const secret of secrets()) {
      for (const text of serialised) expect(text, 'an audit event holds a secret').not.toContain(secret)
    }
  })
}

/**
 * A vendor simulator on MSW and a handler wired to it, with a logger that keeps every line. Every audit
 * event it emits is kept in `audited` (and handed on to an `audit` override), and checked for secrets
 * when the test ends.
 */
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
  const audited: AuditEvent[] = []
  const sent: unknown[] = []
  const options: EmbedHandlerOptions = {
    ...simulatorHandlerOptions(simulator),
    resolveUser: async () => ({ clientUserId: 'host-user-1' }),
    logger,
    ...overrides,
    audit: (event) => {
      audited.push(event)
      return overrides.audit?.(event)
    },
  }
  const embed = createEmbedHandler(options)
  expectNoSecretsInAuditEvents(audited, () => secretsOf(simulator, options, sent))

  function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    if (path.startsWith('/demographics')) sent.push(body)
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

  return { simulator, embed, call, logs, options, audited }
}
