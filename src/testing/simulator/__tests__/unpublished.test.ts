// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createVendorSimulator } from '../simulator.js'
import { call, portalUrlFor } from './helpers.js'

// Each form the simulator plays of what the vendors do not publish, as the vendor's answer itself.

describe('unpublished.noDemographics', () => {
  const read = async (noDemographics?: 'not_found' | 'unprocessable' | 'empty') => {
    const simulator = createVendorSimulator({ unpublished: { noDemographics } })
    const userId = await simulator.seedJunctionUser()
    return call<Record<string, unknown>>(simulator, 'junction', 'GET', `/v2/user/${userId}/info/latest`)
  }

  it('answers 404 by default, 422, or 200 with every field null', async () => {
    expect(await read()).toMatchObject({ status: 404, body: { detail: expect.any(String) } })
    expect(await read('not_found')).toMatchObject({ status: 404 })
    expect(await read('unprocessable')).toMatchObject({ status: 422, body: { detail: expect.any(String) } })
    const empty = await read('empty')
    expect(empty.status).toBe(200)
    expect(empty.body).toMatchObject({ first_name: null, email: null, dob: null, address: null })
  })
})

describe('unpublished.expiresInUnit', () => {
  it('states the same lifetime in seconds by default, or in milliseconds', async () => {
    const seconds = createVendorSimulator()
    expect(await portalUrlFor(seconds)).toMatchObject({ expires_in: 300 })
    const milliseconds = createVendorSimulator({ unpublished: { expiresInUnit: 'milliseconds' } })
    expect(await portalUrlFor(milliseconds)).toMatchObject({ expires_in: 300_000 })
    const [token] = milliseconds.state.issuedTokens()
    expect((token?.expiresAt ?? 0) - (token?.issuedAt ?? 0)).toBe(300_000)
  })

  it('hands out lifetimes outside 10 s to 60 days when expiresIn asks for them', async () => {
    const simulator = createVendorSimulator({ expiresIn: { launch: 5, communications: 90 * 86_400 } })
    expect(await portalUrlFor(simulator)).toMatchObject({ expires_in: 5 })
    expect(await portalUrlFor(simulator, { context: 'communications' })).toMatchObject({ expires_in: 7_776_000 })
  })
})

describe('unpublished.dashboardIdPairs', () => {
  const sign = async (body: Record<string, unknown>, dashboardIdPairs?: 'optional' | 'required') => {
    const simulator = createVendorSimulator({ unpublished: { dashboardIdPairs } })
    const path = `/v1/org/${simulator.orgId}/ehr_integration/create_dashboard_url`
    return call<{ detail?: { loc: string[]; msg: string }[] }>(simulator, 'management', 'POST', path, {
      body: { feature: 'team_panels', modality: 'link_out', environment: 'sandbox', ...body },
    })
  }

  it('signs without a team by default; with `required`, answers 422 naming each missing pair', async () => {
    expect((await sign({ integration_member_id: 'm' })).status).toBe(200)
    expect((await sign({}, 'optional')).status).toBe(200)
    const refused = await sign({ integration_member_id: 'm' }, 'required')
    expect(refused.status).toBe(422)
    expect(refused.body.detail).toEqual([
      expect.objectContaining({ loc: ['body'], msg: expect.stringContaining('team_id or integration_team_id') }),
    ])
    expect((await sign({}, 'required')).body.detail).toHaveLength(2)
    expect((await sign({ integration_member_id: 'm', integration_team_id: 't' }, 'required')).status).toBe(200)
  })
})

describe('unpublished.trailingSlash', () => {
  it('serves a path with a trailing slash as without it by default', async () => {
    const simulator = createVendorSimulator()
    expect((await call(simulator, 'junction', 'POST', '/v2/user/', { body: { client_user_id: 'a' } })).status).toBe(200)
    expect((await call(simulator, 'portalAdmin', 'POST', '/v1/portal/', { body: { name: 'N' } })).status).toBe(201)
  })

  it('with `redirect`, answers 307 to the path without it (query kept), before the key is checked', async () => {
    const simulator = createVendorSimulator({ unpublished: { trailingSlash: 'redirect' } })
    const base = simulator.baseUrls.junction[0]
    const redirected = await call(simulator, 'junction', 'GET', '/v2/user/resolve/a/?x=1', { auth: false })
    expect(redirected.status).toBe(307)
    expect(redirected.headers.get('location')).toBe(`${base}/v2/user/resolve/a?x=1`)
    const management = `/v1/org/${simulator.orgId}/ehr_integration/create_dashboard_url/`
    expect((await call(simulator, 'management', 'POST', management, { body: {} })).status).toBe(307)
    expect((await call(simulator, 'portalAdmin', 'GET', '/v1/portal/p1/users/')).status).toBe(307)
    // No route without the slash either: 404, as FastAPI answers.
    expect((await call(simulator, 'junction', 'GET', '/v2/nothing/')).status).toBe(404)
    expect((await call(simulator, 'userhub', 'POST', '/admin/v1/users/u1:createPortalSession/')).status).not.toBe(307)
  })
})
