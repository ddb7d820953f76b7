// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createVendorSimulator } from '../simulator.js'
import type { VendorSimulator } from '../types.js'
import { call } from './helpers.js'

function session(simulator: VendorSimulator, userId: string, body?: unknown, encode = true) {
  const segment = encode ? encodeURIComponent(userId) : userId
  const options = body === undefined ? {} : { body }
  return call<{ redirectUrl: string }>(
    simulator,
    'userhub',
    'POST',
    `/admin/v1/users/${segment}:createPortalSession`,
    options,
  )
}

describe('UserHub: createPortalSession', () => {
  it('imports a user given as <externalId>@<connectionId>, path-encoded, and answers a sign-in URL', async () => {
    const simulator = createVendorSimulator()
    const response = await session(simulator, 'auth0|123@conn_1')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      redirectUrl: expect.stringMatching(/^https:\/\/pages\.simulator\.test\/userhub\/signin\?token=[\w.-]+$/),
    })
    expect(simulator.requests).toEqual([
      { api: 'userhub', method: 'POST', path: '/admin/v1/users/auth0%7C123%40conn_1:createPortalSession' },
    ])
    const [imported] = simulator.state.userhubUsers()
    expect(imported).toEqual({
      id: expect.stringMatching(/^usr_[0-9a-f]{32}$/),
      externalId: 'auth0|123',
      connectionId: 'conn_1',
    })
    expect(simulator.state.issuedTokens()[0]).toMatchObject({
      kind: 'userhub.signin',
      user_id: imported?.id,
      portal_url: '/',
    })
  })

  it('imports the same external user once, whether or not @ is encoded (as in the vendor example)', async () => {
    const simulator = createVendorSimulator()
    await session(simulator, 'auth0|123@conn_1')
    const again = await call(simulator, 'userhub', 'POST', '/admin/v1/users/auth0%7C123@conn_1:createPortalSession')
    expect(again.status).toBe(200)
    expect(simulator.state.userhubUsers()).toHaveLength(1)
    const users = simulator.state
      .issuedTokens()
      .map((token) => (token.kind === 'userhub.signin' ? token.user_id : null))
    expect(users).toEqual([simulator.state.userhubUsers()[0]?.id, simulator.state.userhubUsers()[0]?.id])
  })

  it('answers 404 NOT_FOUND for a plain id nobody seeded, and serves a seeded one', async () => {
    const simulator = createVendorSimulator()
    const unknown = await session(simulator, 'usr_never_seen')
    expect(unknown).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', message: expect.any(String) } })
    simulator.seedUserhubUser('usr_known')
    expect((await session(simulator, 'usr_known')).status).toBe(200)
    expect(simulator.state.issuedTokens()[0]).toMatchObject({ user_id: 'usr_known', account_id: 'usr_known' })
  })

  it('fills {accountId} with the user, or the organisation when organizationId is given', async () => {
    const simulator = createVendorSimulator()
    simulator.seedUserhubUser('usr_1')
    await session(simulator, 'usr_1', {
      portalUrl: '/{accountId}/plans',
      returnUrl: 'https://app.example.com/settings',
    })
    await session(simulator, 'usr_1', {
      portalUrl: '/{accountId}/members',
      organizationId: 'org_9',
      successUrl: 'https://app.example.com/ok',
    })
    expect(simulator.state.issuedTokens()).toEqual([
      expect.objectContaining({
        portal_url: '/usr_1/plans',
        return_url: 'https://app.example.com/settings',
        organization_id: null,
      }),
      expect.objectContaining({
        portal_url: '/org_9/members',
        account_id: 'org_9',
        success_url: 'https://app.example.com/ok',
      }),
    ])
  })

  it('answers 400 INVALID_ARGUMENT naming the param for a returnUrl, successUrl or portalUrl that is not usable', async () => {
    const simulator = createVendorSimulator()
    simulator.seedUserhubUser('usr_1')
    const cases = [
      [{ returnUrl: '/settings' }, 'returnUrl'],
      [{ returnUrl: 'javascript:alert(1)' }, 'returnUrl'],
      [{ successUrl: 'ftp://files.example.com' }, 'successUrl'],
      [{ portalUrl: 'plans' }, 'portalUrl'],
      [{ organizationId: 42 }, 'organizationId'],
    ] as const
    for (const [body, param] of cases) {
      const response = await session(simulator, 'usr_1', body)
      expect(response).toMatchObject({
        status: 400,
        body: { code: 'INVALID_ARGUMENT', message: expect.any(String), param },
      })
    }
    const broken = await call(simulator, 'userhub', 'POST', '/admin/v1/users/usr_1:createPortalSession', {
      rawBody: '{',
    })
    expect(broken).toMatchObject({ status: 400, body: { code: 'INVALID_ARGUMENT' } })
    expect(simulator.state.issuedTokens()).toEqual([])
  })

  it('does not import anyone when the body is refused', async () => {
    const simulator = createVendorSimulator()
    expect((await session(simulator, 'auth0|9@conn_1', { returnUrl: 'nope' })).status).toBe(400)
    expect(simulator.state.userhubUsers()).toEqual([])
  })

  it('answers 401 UNAUTHENTICATED for a missing or wrong bearer key', async () => {
    const simulator = createVendorSimulator()
    const path = '/admin/v1/users/auth0%7C1%40conn_1:createPortalSession'
    const none = await call(simulator, 'userhub', 'POST', path, { auth: false })
    expect(none).toEqual({
      status: 401,
      body: { code: 'UNAUTHENTICATED', message: expect.any(String) },
      headers: expect.any(Headers),
    })
    const wrong = await call(simulator, 'userhub', 'POST', path, { headers: { authorization: 'Bearer uh_other' } })
    expect(wrong.status).toBe(401)
    expect(simulator.state.userhubUsers()).toEqual([])
  })

  it('answers NOT_FOUND for other paths', async () => {
    const simulator = createVendorSimulator()
    expect(await call(simulator, 'userhub', 'POST', '/admin/v1/users/usr_1:deleteEverything')).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND' },
    })
  })
})
