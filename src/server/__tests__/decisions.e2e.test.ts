// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { COMPLETE_DEMOGRAPHICS, ORIGIN, setupEmbedServer } from '../../../test/support/embed-server.js'
import { defaultAuthorize } from '../authorize.js'
import type { EmbedHandlerOptions, ResolvedUser } from '../options.js'

const PATIENT = '5d2b0f3e-8a51-4c1e-9d3f-2b7a6c4e1f90'
const ORDER = '0f8fad5b-d9cb-469f-a165-70867728950e'
const dashboard = { kind: 'junction.dashboard', modality: 'feature_embed', environment: 'sandbox' }
const identity = async () => ({ integration_member_id: 'dr-who', integration_team_id: 'clinic-1' })

async function ready(overrides: Partial<EmbedHandlerOptions> = {}) {
  const server = setupEmbedServer({ allowedOrigins: [ORIGIN], authorizeDashboard: identity, ...overrides })
  await server.simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: COMPLETE_DEMOGRAPHICS })
  const patientUserId = await server.simulator.seedJunctionUser({
    clientUserId: 'patient-1',
    demographics: COMPLETE_DEMOGRAPHICS,
  })
  const setupCalls = server.simulator.requests.length
  return { ...server, patientUserId, vendorCallsAfterSetup: () => server.simulator.requests.slice(setupCalls) }
}

describe('the default policy and dashboards', () => {
  it.each([
    ['order_creation for another patient', `order_creation:${PATIENT}`],
    ['an order', `order:${ORDER}`],
    ['the team configuration', 'team_config'],
  ])('refuses %s with 403 and calls no vendor', async (_, feature) => {
    const { call, vendorCallsAfterSetup, logs } = await ready()
    const response = await call('POST', '/signed-url', { target: { ...dashboard, feature } })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: 'forbidden' })
    expect(vendorCallsAfterSetup()).toEqual([])
    expect(logs.join('\n')).toContain('"policy":"defaultAuthorize"')
    expect(logs.join('\n')).not.toContain(PATIENT)
  })

  it('still opens the features that name nobody', async () => {
    const { call } = await ready()
    for (const feature of ['order_creation', 'team_panels']) {
      expect((await call('POST', '/signed-url', { target: { ...dashboard, feature } })).status).toBe(200)
    }
  })

  it('lets a host allow a patient-scoped feature in its own authorize', async () => {
    const { call, patientUserId } = await ready({
      authorize: (request, context) =>
        context.action.type === 'signed-url' && context.action.target.kind === 'junction.dashboard'
          ? true
          : defaultAuthorize(request, context),
    })
    const target = { ...dashboard, feature: `order_creation:${patientUserId}` }
    expect((await call('POST', '/signed-url', { target })).status).toBe(200)
  })
})

describe('POST /signed-url mints only the features the continuation policy allows', () => {
  it('answers 422 naming target.feature for an unknown slug, before resolveUser or any vendor call', async () => {
    let resolved = 0
    const { call, vendorCallsAfterSetup } = await ready({
      resolveUser: async () => {
        resolved++
        return { clientUserId: 'host-user-1' }
      },
      authorize: () => true,
    })
    const response = await call('POST', '/signed-url', { target: { ...dashboard, feature: 'anything_at_all' } })
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({
      error: 'validation_error',
      fields: [{ path: 'target.feature', message: expect.stringContaining('continuation.features') }],
    })
    expect(resolved).toBe(0)
    expect(vendorCallsAfterSetup()).toEqual([])
  })

  it('follows continuation.features: a feature left out is refused even when authorize allows it', async () => {
    const { call } = await ready({ authorize: () => true, continuation: { features: ['order_creation'] } })
    expect((await call('POST', '/signed-url', { target: { ...dashboard, feature: 'team_panels' } })).status).toBe(422)
    expect((await call('POST', '/signed-url', { target: { ...dashboard, feature: 'order_creation' } })).status).toBe(
      200,
    )
  })
})

describe('authorize allows only on exactly true', () => {
  type Authorize = NonNullable<EmbedHandlerOptions['authorize']>
  const forgotToCall = () => true
  it.each([
    ['the string "false"', 'false', 'string'],
    ['an object', { allowed: false }, 'object'],
    ['a function it forgot to call', forgotToCall, 'function'],
    ['1', 1, 'number'],
    ['undefined', undefined, 'undefined'],
  ])(
    'refuses when it returns %s, with 403, no vendor call, and a logged configuration error',
    async (_, value, type) => {
      const authorize = (async () => value) as unknown as Authorize
      const { call, vendorCallsAfterSetup, logs } = await ready({ authorize })
      const response = await call('DELETE', '/portals/p1/users/u1')
      expect(response.status).toBe(403)
      expect(
        (await call('POST', '/signed-url', { target: { kind: 'junction.user_portal', context: 'launch' } })).status,
      ).toBe(403)
      expect(vendorCallsAfterSetup()).toEqual([])
      const line = logs.find((l) => l.startsWith('error authorize returned'))
      expect(line).toContain('"option":"authorize"')
      expect(line).toContain(`"returned":"${type}"`)
    },
  )

  it('allows on true and refuses on false without calling it a configuration error', async () => {
    const user: ResolvedUser = { clientUserId: 'host-user-1' }
    const allow = await ready({ authorize: () => true, resolveUser: async () => user })
    const target = { kind: 'junction.user_portal', context: 'launch' }
    expect((await allow.call('POST', '/signed-url', { target })).status).toBe(200)
    const refuse = await ready({ authorize: () => false })
    expect((await refuse.call('POST', '/signed-url', { target })).status).toBe(403)
    expect(refuse.logs.join('\n')).not.toContain('error authorize returned')
  })
})
