// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createVendorSimulator } from '../simulator.js'
import { call, openPage, portalUrlFor } from './helpers.js'

const USER = { client_user_id: 'host-1' }

afterEach(() => {
  vi.useRealTimers()
})

describe('failure injection', () => {
  it('rate_limit answers 429 without Retry-After unless asked, then the API recovers', async () => {
    const simulator = createVendorSimulator()
    simulator.fail({ api: 'junction', kind: 'rate_limit' })
    const limited = await call(simulator, 'junction', 'POST', '/v2/user', { body: USER })
    expect(limited).toMatchObject({ status: 429, body: { detail: 'Too Many Requests' } })
    expect(limited.headers.has('retry-after')).toBe(false)

    simulator.fail({ api: 'junction', kind: 'rate_limit', retryAfterSeconds: 7 })
    const told = await call(simulator, 'junction', 'POST', '/v2/user', { body: USER })
    expect(told.status).toBe(429)
    expect(told.headers.get('retry-after')).toBe('7')

    expect((await call(simulator, 'junction', 'POST', '/v2/user', { body: USER })).status).toBe(200)
  })

  it('fails the next `times` calls of that API only, in each API’s error shape', async () => {
    const simulator = createVendorSimulator()
    simulator.seedUserhubUser('usr_1')
    simulator.fail({ api: 'userhub', kind: 'server_error', times: 2 })
    simulator.fail({ api: 'userhub', kind: 'unavailable', retryAfterSeconds: 3 })
    const path = '/admin/v1/users/usr_1:createPortalSession'
    expect((await call(simulator, 'junction', 'POST', '/v2/user', { body: USER })).status).toBe(200)
    const first = await call(simulator, 'userhub', 'POST', path)
    expect(first).toMatchObject({ status: 500, body: { code: 'INTERNAL', message: expect.any(String) } })
    expect((await call(simulator, 'userhub', 'POST', path)).status).toBe(500)
    const unavailable = await call(simulator, 'userhub', 'POST', path)
    expect(unavailable).toMatchObject({ status: 503, body: { code: 'UNAVAILABLE' } })
    expect(unavailable.headers.get('retry-after')).toBe('3')
    expect((await call(simulator, 'userhub', 'POST', path)).status).toBe(200)
  })

  it('answers 5xx with a FastAPI detail for Junction, Management and portal admin, and HTML for pages', async () => {
    const simulator = createVendorSimulator()
    simulator.fail({ api: 'management', kind: 'unavailable' })
    simulator.fail({ api: 'portalAdmin', kind: 'server_error' })
    const management = await call(
      simulator,
      'management',
      'POST',
      `/v1/org/${simulator.orgId}/ehr_integration/create_dashboard_url`,
    )
    expect(management).toMatchObject({ status: 503, body: { detail: 'Service Unavailable' } })
    const admin = await call(simulator, 'portalAdmin', 'GET', '/v1/portal/x/users')
    expect(admin).toMatchObject({ status: 500, body: { detail: 'Internal Server Error' } })

    const { url } = await portalUrlFor(simulator)
    simulator.fail({ api: 'pages', kind: 'server_error' })
    const page = await openPage(simulator, url)
    expect(page.status).toBe(500)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect((await openPage(simulator, url)).status).toBe(200)
  })

  it('timeout never answers until the request is aborted, then rejects like fetch', async () => {
    const simulator = createVendorSimulator()
    simulator.fail({ api: 'junction', kind: 'timeout' })
    const controller = new AbortController()
    const pending = simulator.handle(
      new Request(`${simulator.baseUrls.junction[0]}/v2/user`, {
        method: 'POST',
        headers: { 'x-vital-api-key': simulator.keys.junction },
        body: JSON.stringify(USER),
        signal: controller.signal,
      }),
    )
    let settled = false
    pending.then(
      () => {
        settled = true
      },
      () => {
        settled = true
      },
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(settled).toBe(false)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    expect(simulator.state.junctionUsers()).toEqual([])
  })

  it('reset() forgets state, failures and requests', async () => {
    const simulator = createVendorSimulator()
    await portalUrlFor(simulator)
    simulator.fail({ api: 'junction', kind: 'server_error' })
    simulator.reset()
    expect(simulator.requests).toEqual([])
    expect(simulator.state.junctionUsers()).toEqual([])
    expect(simulator.state.issuedTokens()).toEqual([])
    expect((await call(simulator, 'junction', 'POST', '/v2/user', { body: USER })).status).toBe(200)
  })
})

describe('latency, request log and ids', () => {
  it('waits latencyMs (on setTimeout, so fake timers drive it) before answering', async () => {
    vi.useFakeTimers()
    const simulator = createVendorSimulator({ latencyMs: 1_000 })
    let status = 0
    const pending = call(simulator, 'junction', 'POST', '/v2/user', { body: USER }).then((result) => {
      status = result.status
    })
    await vi.advanceTimersByTimeAsync(999)
    expect(status).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    await pending
    expect(status).toBe(200)
  })

  it('records api, method and path of every call, never keys, query strings or bodies', async () => {
    const simulator = createVendorSimulator()
    const { url } = await portalUrlFor(simulator)
    await openPage(simulator, url)
    await call(simulator, 'junction', 'POST', '/v2/user', { body: USER, auth: false })
    expect(simulator.requests).toEqual([
      {
        api: 'junction',
        method: 'POST',
        path: expect.stringMatching(/^\/v2\/user\/[0-9a-f-]{36}\/create_portal_url$/),
      },
      { api: 'pages', method: 'GET', path: '/junction/portal' },
      { api: 'junction', method: 'POST', path: '/v2/user' },
    ])
    const logged = JSON.stringify(simulator.requests)
    expect(logged).not.toContain('token')
    expect(logged).not.toContain(simulator.keys.junction)
    expect(logged).not.toContain('host-1')
  })

  it('makes the same ids from the same seed, and different ones from another seed', async () => {
    async function run(seed: number) {
      const simulator = createVendorSimulator({ seed })
      const seeded = await simulator.seedJunctionUser()
      const created = await call<{ user_id: string }>(simulator, 'junction', 'POST', '/v2/user', { body: USER })
      const portal = simulator.seedPortal({ name: 'P', users: [{ email: 'a@example.com' }] })
      return [seeded, created.body.user_id, portal, simulator.state.portalUsers(portal)[0]?.id]
    }
    const first = await run(42)
    expect(await run(42)).toEqual(first)
    expect(new Set(first).size).toBe(4)
    expect(await run(43)).not.toEqual(first)
  })

  it('restarts the id sequence on reset()', async () => {
    const simulator = createVendorSimulator({ seed: 1 })
    const before = await simulator.seedJunctionUser()
    simulator.reset()
    expect(await simulator.seedJunctionUser()).toBe(before)
  })
})
