// @vitest-environment node
import { HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { ORIGIN, setupEmbedServer } from '../../../test/support/embed-server.js'
import { server } from '../../../test/support/msw-server.js'

const embed = {
  kind: 'junction.dashboard',
  feature: 'order_creation',
  modality: 'feature_embed',
  environment: 'sandbox',
}

describe('signed-url: Junction Dashboard (Connect)', () => {
  it('signs the dashboard for the member and team authorizeDashboard names, not those the browser sent', async () => {
    const authorizeDashboard = vi.fn(async () => ({ integration_member_id: 'dr-who', integration_team_id: 'clinic-1' }))
    const { simulator, call } = setupEmbedServer({ authorizeDashboard })
    const target = { ...embed, integration_member_id: 'someone-else' }
    const response = await call('POST', '/signed-url', { target })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ url: simulator.state.issuedTokens()[0]?.url, expires_in: 300 })
    expect(authorizeDashboard).toHaveBeenCalledWith(expect.any(Request), target, { clientUserId: 'host-user-1' })
    expect(simulator.state.issuedTokens()[0]).toMatchObject({
      kind: 'junction.dashboard',
      feature: 'order_creation',
      modality: 'feature_embed',
      integration_member_id: 'dr-who',
      integration_team_id: 'clinic-1',
    })
  })

  it('answers 403 when authorizeDashboard refuses or is not configured', async () => {
    const refused = setupEmbedServer({ authorizeDashboard: async () => null })
    expect((await refused.call('POST', '/signed-url', { target: embed })).status).toBe(403)
    const unconfigured = setupEmbedServer()
    expect((await unconfigured.call('POST', '/signed-url', { target: embed })).status).toBe(403)
    expect(refused.simulator.requests).toEqual([])
  })

  it('maps the vendor 422 detail array onto dotted paths under target., for the fields the browser sent', async () => {
    const { call } = setupEmbedServer({
      authorizeDashboard: async () => ({ integration_member_id: 'm', integration_team_id: 't' }),
    })
    const detail = [
      { loc: ['body', 'feature'], msg: 'unknown feature', type: 'value_error' },
      { loc: ['body', 'integration_team_id'], msg: 'unknown team', type: 'value_error' },
    ]
    server.use(
      http.post('*/ehr_integration/create_dashboard_url', () => HttpResponse.json({ detail }, { status: 422 })),
    )
    const response = await call('POST', '/signed-url', { target: embed })
    expect(response.status).toBe(422)
    // The team is the server's choice (authorizeDashboard), not the browser's to fix: named by no field.
    expect(await response.json()).toEqual({
      error: 'validation_error',
      message: 'The portal service refused the request.',
      fields: [{ path: 'target.feature', message: 'unknown feature' }],
    })
  })

  it('signs link_out the same way', async () => {
    const { simulator, call } = setupEmbedServer({
      authorizeDashboard: async () => ({ integration_member_id: 'm', integration_team_id: 't' }),
    })
    const response = await call('POST', '/signed-url', {
      target: { ...embed, modality: 'link_out', feature: 'team_panels' },
    })
    expect(response.status).toBe(200)
    expect(simulator.state.issuedTokens()[0]).toMatchObject({ modality: 'link_out', feature: 'team_panels' })
  })
})

describe('signed-url: UserHub billing portal', () => {
  const billing = {
    kind: 'userhub.portal',
    portal_url: '/{accountId}/plans',
    return_url: 'https://ehr.example.com/settings',
  }

  it('creates a portal session for an external id, path-encoded, and answers its redirectUrl', async () => {
    const { simulator, call } = setupEmbedServer({
      allowedOrigins: [ORIGIN],
      resolveUser: async () => ({ userhubUserId: 'auth0|123@conn_1' }),
    })
    const response = await call('POST', '/signed-url', { target: billing })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { redirectUrl: string }
    expect(body.redirectUrl).toBe(simulator.state.issuedTokens()[0]?.url)
    expect(simulator.requests.at(-1)).toMatchObject({
      api: 'userhub',
      path: '/admin/v1/users/auth0%7C123@conn_1:createPortalSession',
    })
    expect(simulator.state.issuedTokens()[0]).toMatchObject({ return_url: 'https://ehr.example.com/settings' })
  })

  it('forwards the return URL to UserHub as it was checked: normalised', async () => {
    const { simulator, call } = setupEmbedServer({
      allowedOrigins: [ORIGIN],
      resolveUser: async () => ({ userhubUserId: 'auth0|123@conn_1' }),
    })
    const target = { ...billing, return_url: 'HTTPS://EHR.example.com:443/a/../settings' }
    expect((await call('POST', '/signed-url', { target })).status).toBe(200)
    expect(simulator.state.issuedTokens()[0]).toMatchObject({ return_url: 'https://ehr.example.com/settings' })
  })

  it('refuses return and success URLs on another site (no open redirect)', async () => {
    const { simulator, call } = setupEmbedServer({ resolveUser: async () => ({ userhubUserId: 'auth0|123@conn_1' }) })
    const response = await call('POST', '/signed-url', {
      target: { ...billing, return_url: 'https://evil.example/phish', success_url: 'https://evil.example/ok' },
    })
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({
      fields: [{ path: 'target.return_url' }, { path: 'target.success_url' }],
    })
    expect(simulator.requests).toEqual([])
  })

  it('answers 403 for a user without a UserHub account, and 404 for an unknown UserHub id', async () => {
    const none = setupEmbedServer({ resolveUser: async () => ({ clientUserId: 'x' }) })
    expect((await none.call('POST', '/signed-url', { target: { kind: 'userhub.portal' } })).status).toBe(403)
    const unknown = setupEmbedServer({ resolveUser: async () => ({ userhubUserId: 'usr_never_seen' }) })
    const response = await unknown.call('POST', '/signed-url', { target: { kind: 'userhub.portal' } })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: 'not_found' })
  })

  it('answers 404 not_found for a vendor the server is not configured for', async () => {
    const { call } = setupEmbedServer({ userhub: undefined, resolveUser: async () => ({ userhubUserId: 'a@b' }) })
    const response = await call('POST', '/signed-url', { target: { kind: 'userhub.portal' } })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ message: 'UserHub is not configured on this server.' })
  })
})
