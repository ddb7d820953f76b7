// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { COMPLETE_DEMOGRAPHICS } from '../../../test/support/fixtures.js'
import { server } from '../../../test/support/msw-server.js'
import { createVendorSimulator } from '../../testing/index.js'
import { createJunctionClient } from '../clients/junction.js'
import { createPortalAdminClient } from '../clients/portalAdmin.js'
import type { VendorCallInfo, VendorCallOutcome } from '../clients/vendorFetch.js'

function observed() {
  const calls: { call: VendorCallInfo; outcome?: VendorCallOutcome }[] = []
  const onCall = (call: VendorCallInfo) => {
    const entry: (typeof calls)[number] = { call }
    calls.push(entry)
    return (outcome: VendorCallOutcome) => {
      entry.outcome = outcome
    }
  }
  return { calls, onCall }
}

describe('vendor clients: onCall', () => {
  it('sees each call by its template, never its ids, and how it ended', async () => {
    const simulator = createVendorSimulator({ seed: 3 })
    server.use(...simulator.handlers)
    const userId = await simulator.seedJunctionUser({ demographics: COMPLETE_DEMOGRAPHICS })
    const { calls, onCall } = observed()
    const junction = createJunctionClient({
      apiKey: simulator.keys.junction,
      baseUrl: simulator.baseUrls.junction[0],
      onCall,
    })
    await junction.createPortalUrl(userId, { context: 'launch' })
    await junction.getDemographics('00000000-0000-4000-8000-000000000000')
    const origin = new URL(simulator.baseUrls.junction[0] ?? '').origin
    expect(calls).toEqual([
      {
        call: {
          vendor: 'junction',
          operation: 'create portal URL',
          method: 'POST',
          origin,
          template: '/v2/user/{user_id}/create_portal_url',
        },
        outcome: { status: 200, failure: undefined },
      },
      {
        call: {
          vendor: 'junction',
          operation: 'read demographics',
          method: 'GET',
          origin,
          template: '/v2/user/{user_id}/info/latest',
        },
        outcome: { status: 404, failure: 'http' },
      },
    ])
    expect(JSON.stringify(calls)).not.toContain(userId)
  })

  it('is told of a call that failed without an answer', async () => {
    const simulator = createVendorSimulator({ seed: 3 })
    server.use(...simulator.handlers)
    simulator.fail({ api: 'portalAdmin', kind: 'timeout' })
    const { calls, onCall } = observed()
    const admin = createPortalAdminClient({
      apiKey: simulator.keys.portalAdmin,
      baseUrl: simulator.baseUrls.portalAdmin,
      timeoutMs: 50,
      onCall,
    })
    await expect(admin.listUsers('portal 1/a')).rejects.toMatchObject({ failure: 'timeout' })
    expect(calls).toEqual([
      {
        call: expect.objectContaining({ template: '/v1/portal/{portal_id}/users', method: 'GET' }),
        outcome: { status: undefined, failure: 'timeout' },
      },
    ])
  })
})
