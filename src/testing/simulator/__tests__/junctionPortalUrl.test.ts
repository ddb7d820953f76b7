// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createVendorSimulator } from '../simulator.js'
import { COMPLETE_DEMOGRAPHICS, call, portalUrlFor } from './helpers.js'

const ORDER_ID = '0b8f2f7e-5a34-4c5d-8e61-7f0a9b1c2d3e'
const DEMOGRAPHICS_REQUIRED = { detail: 'User demographics are required to create a portal URL.' }

describe('Junction: POST /v2/user/{user_id}/create_portal_url', () => {
  it('answers 422 until demographics are saved, then a launch URL on the pages host', async () => {
    const simulator = createVendorSimulator()
    const userId = await simulator.seedJunctionUser()
    const path = `/v2/user/${userId}/create_portal_url`
    expect((await call(simulator, 'junction', 'GET', `/v2/user/${userId}/info/latest`)).status).toBe(404)
    expect(await call(simulator, 'junction', 'POST', path, { body: { context: 'launch' } })).toMatchObject({
      status: 422,
      body: DEMOGRAPHICS_REQUIRED,
    })

    const saved = await call(simulator, 'junction', 'PATCH', `/v2/user/${userId}/info`, { body: COMPLETE_DEMOGRAPHICS })
    expect(saved.status).toBe(200)
    const created = await call<{ url: string; expires_in: number }>(simulator, 'junction', 'POST', path, {
      body: { context: 'launch' },
    })
    expect(created.status).toBe(200)
    expect(created.body).toEqual({
      url: expect.stringMatching(/^https:\/\/pages\.simulator\.test\/junction\/portal\?token=[\w-]+\.[\w-]+\.[\w-]+$/),
      expires_in: 300,
    })
    expect(simulator.state.issuedTokens()).toEqual([
      expect.objectContaining({
        kind: 'junction.portal',
        user_id: userId,
        context: 'launch',
        order_id: null,
        url: created.body.url,
        usedAt: null,
      }),
    ])
  })

  it('answers 422 when the stored demographics are incomplete', async () => {
    const simulator = createVendorSimulator()
    const { zip: _zip, ...address } = COMPLETE_DEMOGRAPHICS.address
    const userId = await simulator.seedJunctionUser({ demographics: { ...COMPLETE_DEMOGRAPHICS, address } })
    const path = `/v2/user/${userId}/create_portal_url`
    expect(await call(simulator, 'junction', 'POST', path, { body: { context: 'launch' } })).toMatchObject({
      status: 422,
      body: DEMOGRAPHICS_REQUIRED,
    })
    simulator.setDemographics(userId, COMPLETE_DEMOGRAPHICS)
    expect((await call(simulator, 'junction', 'POST', path, { body: { context: 'launch' } })).status).toBe(200)
    simulator.setDemographics(userId, null)
    expect((await call(simulator, 'junction', 'POST', path, { body: { context: 'launch' } })).status).toBe(422)
  })

  it('gives communications URLs the long lifetime and records a deep-linked order', async () => {
    const simulator = createVendorSimulator()
    const { expires_in, url } = await portalUrlFor(simulator, { context: 'communications', order_id: ORDER_ID })
    expect(expires_in).toBe(1_209_600)
    const [token] = simulator.state.issuedTokens()
    expect(token).toMatchObject({ context: 'communications', order_id: ORDER_ID, url })
    expect((token?.expiresAt ?? 0) - (token?.issuedAt ?? 0)).toBe(1_209_600_000)
  })

  it('uses the configured lifetimes', async () => {
    const simulator = createVendorSimulator({ expiresIn: { launch: 60, communications: 3600 } })
    expect((await portalUrlFor(simulator)).expires_in).toBe(60)
    expect((await portalUrlFor(simulator, { context: 'communications' })).expires_in).toBe(3600)
  })

  it('answers 404 for an unknown user', async () => {
    const simulator = createVendorSimulator()
    const response = await call(simulator, 'junction', 'POST', `/v2/user/${ORDER_ID}/create_portal_url`, {
      body: { context: 'launch' },
    })
    expect(response).toMatchObject({ status: 404, body: { detail: 'User not found.' } })
  })

  it('answers a FastAPI 422 for a missing or unknown context and an order_id that is not a uuid', async () => {
    const simulator = createVendorSimulator()
    const userId = await simulator.seedJunctionUser({ demographics: COMPLETE_DEMOGRAPHICS })
    const path = `/v2/user/${userId}/create_portal_url`
    const missing = await call(simulator, 'junction', 'POST', path, { body: {} })
    expect(missing).toMatchObject({ status: 422, body: { detail: [{ loc: ['body', 'context'], type: 'missing' }] } })
    const unknown = await call(simulator, 'junction', 'POST', path, { body: { context: 'email', order_id: 'o-1' } })
    expect(unknown.body).toEqual({
      detail: [
        {
          loc: ['body', 'context'],
          type: 'enum',
          msg: "Input should be 'launch' or 'communications'",
          input: 'email',
          ctx: { expected: "'launch' or 'communications'" },
        },
        { loc: ['body', 'order_id'], type: 'uuid_parsing', msg: expect.any(String), input: 'o-1' },
      ],
    })
    const nullOrder = await call(simulator, 'junction', 'POST', path, { body: { context: 'launch', order_id: null } })
    expect(nullOrder.status).toBe(200)
    expect(simulator.state.issuedTokens()).toHaveLength(1)
  })

  it('refuses a call without the key before anything else', async () => {
    const simulator = createVendorSimulator()
    const userId = await simulator.seedJunctionUser({ demographics: COMPLETE_DEMOGRAPHICS })
    const response = await call(simulator, 'junction', 'POST', `/v2/user/${userId}/create_portal_url`, {
      body: { context: 'launch' },
      headers: { 'x-vital-api-key': 'mg_sim_management' },
    })
    expect(response).toMatchObject({ status: 401, body: { detail: expect.any(String) } })
    expect(simulator.state.issuedTokens()).toEqual([])
  })
})
