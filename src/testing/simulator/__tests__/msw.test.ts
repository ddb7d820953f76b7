// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { server } from '../../../../test/support/msw-server.js'
import { createVendorSimulator } from '../simulator.js'
import type { VendorSimulatorOptions } from '../types.js'
import { COMPLETE_DEMOGRAPHICS } from './helpers.js'

function onMsw(options?: VendorSimulatorOptions) {
  const simulator = createVendorSimulator(options)
  server.use(...simulator.handlers)
  return simulator
}

describe('MSW handlers', () => {
  it('serve every Junction host by default', async () => {
    const simulator = onMsw()
    const hosts = [
      'https://api.us.junction.com',
      'https://api.eu.junction.com',
      'https://api.sandbox.us.junction.com',
      'https://api.sandbox.eu.junction.com',
    ]
    for (const [index, host] of hosts.entries()) {
      const response = await fetch(`${host}/v2/user`, {
        method: 'POST',
        headers: { 'x-vital-api-key': 'sk_sim_junction', 'content-type': 'application/json' },
        body: JSON.stringify({ client_user_id: `u${index}` }),
      })
      expect(response.status).toBe(200)
    }
    expect(simulator.state.junctionUsers()).toHaveLength(4)
  })

  it('carry a UserHub external id path-encoded, and the page behind the redirect loads once', async () => {
    const simulator = onMsw()
    const response = await fetch(
      `https://api.userhub.com/admin/v1/users/${encodeURIComponent('auth0|123@conn_1')}:createPortalSession`,
      {
        method: 'POST',
        headers: { authorization: 'Bearer uh_sim_admin', 'userhub-api-version': '2025-05-01' },
      },
    )
    expect(response.status).toBe(200)
    const { redirectUrl } = (await response.json()) as { redirectUrl: string }
    expect(simulator.requests[0]?.path).toBe('/admin/v1/users/auth0%7C123%40conn_1:createPortalSession')
    expect(simulator.state.userhubUsers()[0]).toMatchObject({ externalId: 'auth0|123', connectionId: 'conn_1' })
    expect((await fetch(redirectUrl)).status).toBe(200)
    expect((await fetch(redirectUrl)).status).toBe(410)
  })

  it('serve configured base URLs with a path prefix', async () => {
    const simulator = onMsw({
      baseUrls: { junction: ['https://proxy.test/junction/'], portalAdmin: 'https://admin.test/api' },
    })
    const userId = await simulator.seedJunctionUser({ demographics: COMPLETE_DEMOGRAPHICS })
    const portal = await fetch(`https://proxy.test/junction/v2/user/${userId}/create_portal_url`, {
      method: 'POST',
      headers: { 'x-vital-api-key': 'sk_sim_junction' },
      body: JSON.stringify({ context: 'launch' }),
    })
    expect(portal.status).toBe(200)
    const created = await fetch('https://admin.test/api/v1/portal', {
      method: 'POST',
      headers: { authorization: 'Bearer pa_sim_admin' },
      body: JSON.stringify({ name: 'North' }),
    })
    expect(created.status).toBe(201)
    expect(simulator.requests.map((r) => `${r.api} ${r.path}`)).toEqual([
      `junction /v2/user/${userId}/create_portal_url`,
      'portalAdmin /v1/portal',
    ])
    const elsewhere = await simulator.handle(new Request('https://api.us.junction.com/v2/user', { method: 'POST' }))
    expect(elsewhere.status).toBe(404)
  })

  it('leave a timed-out call pending until fetch aborts it', async () => {
    const simulator = onMsw()
    simulator.fail({ api: 'management', kind: 'timeout' })
    const controller = new AbortController()
    const pending = fetch(
      `https://api.management.junction.com/v1/org/${simulator.orgId}/ehr_integration/create_dashboard_url`,
      {
        method: 'POST',
        headers: { 'x-management-key': 'mg_sim_management' },
        body: '{}',
        signal: controller.signal,
      },
    )
    const early = await Promise.race([
      pending.then(() => 'answered'),
      new Promise((resolve) => setTimeout(resolve, 50, 'pending')),
    ])
    expect(early).toBe('pending')
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })
})
