// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { COMPLETE_DEMOGRAPHICS, setupEmbedServer } from '../../../test/support/embed-server.js'
import { createEmbedHandler } from '../createEmbedHandler.js'
import type { EmbedHandlerOptions } from '../options.js'

const portal = { kind: 'junction.user_portal', context: 'launch' }
const dashboard = {
  kind: 'junction.dashboard',
  feature: 'order_creation',
  modality: 'link_out',
  environment: 'sandbox',
}
const never = () => new Promise<never>(() => {})

async function ready(overrides: Partial<EmbedHandlerOptions>) {
  const server = setupEmbedServer({
    authorizeDashboard: async () => ({ integration_team_id: 'clinic-1' }),
    ...overrides,
  })
  await server.simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: COMPLETE_DEMOGRAPHICS })
  const setupCalls = server.simulator.requests.length
  return { ...server, vendorCallsAfterSetup: () => server.simulator.requests.slice(setupCalls) }
}

/** Starts the request, and says whether it has been answered after each step of the fake clock. */
function track(response: Promise<Response>) {
  let answered: Response | undefined
  void response.then((r) => {
    answered = r
  })
  return () => answered
}

describe('decisionTimeoutMs: a host decision that never settles fails closed', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it.each([
    ['resolveUser', { resolveUser: never }, portal],
    ['authorize', { authorize: never }, portal],
    ['authorizeDashboard', { authorizeDashboard: never }, dashboard],
  ] as const)(
    'answers 504 after exactly 10 000 ms when %s hangs, logs its name, calls no vendor',
    async (name, overrides, target) => {
      const { call, logs, vendorCallsAfterSetup } = await ready(overrides)
      const answered = track(call('POST', '/signed-url', { target }))
      await vi.advanceTimersByTimeAsync(9_999)
      expect(answered()).toBeUndefined()
      await vi.advanceTimersByTimeAsync(1)
      const response = answered()
      expect(response?.status).toBe(504)
      expect(await response?.json()).toMatchObject({ error: 'timeout' })
      expect(logs.join('\n')).toContain(`"callback":"${name}"`)
      expect(logs.join('\n')).toContain('"option":"decisionTimeoutMs"')
      expect(vendorCallsAfterSetup()).toEqual([])
    },
  )

  it('follows decisionTimeoutMs', async () => {
    const { call } = await ready({ resolveUser: never, decisionTimeoutMs: 2_000 })
    const answered = track(call('GET', '/demographics'))
    await vi.advanceTimersByTimeAsync(1_999)
    expect(answered()).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(answered()?.status).toBe(504)
  })

  it('leaves a decision that settles in time alone', async () => {
    const { call } = await ready({
      resolveUser: () => new Promise((resolve) => setTimeout(() => resolve({ clientUserId: 'host-user-1' }), 9_000)),
    })
    const answered = track(call('GET', '/demographics'))
    await vi.advanceTimersByTimeAsync(9_000)
    await vi.waitFor(() => expect(answered()?.status).toBe(200))
  })
})

describe('decisionTimeoutMs: checked at createEmbedHandler()', () => {
  it.each([0, -1, Number.NaN])('refuses %s, naming the option', (decisionTimeoutMs) => {
    expect(() => createEmbedHandler({ resolveUser: async () => null, decisionTimeoutMs })).toThrow(/decisionTimeoutMs/)
  })
})
