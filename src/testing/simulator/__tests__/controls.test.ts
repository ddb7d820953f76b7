// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createVendorSimulator } from '../simulator.js'
import { call, openPage, portalUrlFor } from './helpers.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('signedUrls: readable tokens for tests', () => {
  it('issues t1, t2… at one path, which opens each kind once and refuses guesses', async () => {
    const simulator = createVendorSimulator({
      baseUrls: { pages: 'https://stub.example.test/' },
      signedUrls: { tokens: 'sequential', path: '/stub?frame=1' },
    })
    const first = await portalUrlFor(simulator)
    expect(first.url).toBe('https://stub.example.test/stub?frame=1&token=t1')
    simulator.seedUserhubUser('usr_1')
    const session = await call<{ redirectUrl: string }>(
      simulator,
      'userhub',
      'POST',
      '/admin/v1/users/usr_1:createPortalSession',
    )
    expect(session.body.redirectUrl).toBe('https://stub.example.test/stub?frame=1&token=t2')

    expect((await openPage(simulator, first.url)).status).toBe(200)
    expect((await openPage(simulator, first.url)).status).toBe(410)
    expect((await openPage(simulator, session.body.redirectUrl)).status).toBe(200)
    expect((await openPage(simulator, 'https://stub.example.test/stub?token=t9')).status).toBe(401)
    expect((await openPage(simulator, 'https://stub.example.test/junction/portal?token=t1')).status).toBe(404)
  })

  it('restarts at t1 after reset(), and old URLs do not open the new tokens', async () => {
    const simulator = createVendorSimulator({ signedUrls: { tokens: 'sequential' } })
    const before = await portalUrlFor(simulator)
    expect(before.url).toBe('https://pages.simulator.test/junction/portal?token=t1')
    simulator.reset()
    expect((await openPage(simulator, before.url)).status).toBe(401)
    expect((await portalUrlFor(simulator)).url).toBe(before.url)
  })
})

describe('failure kinds not_found and unprocessable', () => {
  it('answer in FastAPI’s shape, with the fields as body locations, once', async () => {
    const simulator = createVendorSimulator()
    simulator.fail({ api: 'junction', kind: 'not_found' })
    simulator.fail({
      api: 'junction',
      kind: 'unprocessable',
      fields: [{ path: 'users.2.email', message: 'is not an address' }],
    })
    const body = { client_user_id: 'host-1' }
    expect(await call(simulator, 'junction', 'POST', '/v2/user', { body })).toMatchObject({
      status: 404,
      body: { detail: 'Not Found' },
    })
    expect(await call(simulator, 'junction', 'POST', '/v2/user', { body })).toMatchObject({
      status: 422,
      body: { detail: [{ type: 'value_error', loc: ['body', 'users', 2, 'email'], msg: 'is not an address' }] },
    })
    expect((await call(simulator, 'junction', 'POST', '/v2/user', { body })).status).toBe(200)
  })

  it('answer in UserHub’s shape: NOT_FOUND, and a 400 naming the first field', async () => {
    const simulator = createVendorSimulator()
    simulator.seedUserhubUser('usr_1')
    simulator.fail({ api: 'userhub', kind: 'not_found' })
    simulator.fail({
      api: 'userhub',
      kind: 'unprocessable',
      fields: [{ path: 'returnUrl', message: 'is not allowed' }],
    })
    const path = '/admin/v1/users/usr_1:createPortalSession'
    expect(await call(simulator, 'userhub', 'POST', path)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } })
    expect(await call(simulator, 'userhub', 'POST', path)).toMatchObject({
      status: 400,
      body: { code: 'INVALID_ARGUMENT', message: 'is not allowed', param: 'returnUrl' },
    })
  })
})

describe('configure, refuseInvites and seeded ids', () => {
  it('configure changes lifetimes and latency from the next call on, and keeps what it does not name', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const simulator = createVendorSimulator({ expiresIn: { launch: 60, dashboard: 90 } })
    simulator.configure({ expiresIn: { launch: 30 }, latencyMs: 250 })
    const pending = portalUrlFor(simulator)
    let settled = false
    void pending.then(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(249)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await pending).expires_in).toBe(30)
    simulator.configure({ latencyMs: 0 })
    const dashboard = await call<{ expires_in: number }>(
      simulator,
      'management',
      'POST',
      `/v1/org/${simulator.orgId}/ehr_integration/create_dashboard_url`,
      { body: { feature: 'order_creation', modality: 'feature_embed', environment: 'sandbox' } },
    )
    expect(dashboard.body.expires_in).toBe(90)
  })

  it('refuseInvites fails that address (any case) with its reason, and others go through', async () => {
    const simulator = createVendorSimulator()
    const portalId = simulator.seedPortal({ name: 'North' })
    simulator.refuseInvites('Blocked@Example.test', 'This domain does not accept invitations.')
    const invited = await call<{ results: { email: string; status: string; error: string | null }[] }>(
      simulator,
      'portalAdmin',
      'POST',
      `/v1/portal/${portalId}/users`,
      { body: { users: [{ email: 'blocked@example.TEST' }, { email: 'new@example.test' }] } },
    )
    expect(invited.body.results.map((r) => [r.status, r.error])).toEqual([
      ['failed', 'This domain does not accept invitations.'],
      ['invited', null],
    ])
  })

  it('seeds a portal and its users with the ids and dates given, and refuses a portal id twice', () => {
    const simulator = createVendorSimulator()
    simulator.seedPortal({
      id: 'portal-north',
      name: 'North',
      users: [
        { id: 'u-1', email: 'a@example.test', status: 'active', invitedAt: '2026-11-01T09:00:00Z', joinedAt: null },
        { id: 'u-2', email: 'b@example.test', invitedAt: null },
      ],
    })
    expect(simulator.state.portalUsers('portal-north')).toEqual([
      expect.objectContaining({ id: 'u-1', status: 'active', invited_at: '2026-11-01T09:00:00Z', joined_at: null }),
      expect.objectContaining({ id: 'u-2', status: 'invited', invited_at: null, joined_at: null }),
    ])
    expect(() => simulator.seedPortal({ id: 'portal-north', name: 'Again' })).toThrow(/already exists/)
  })
})
