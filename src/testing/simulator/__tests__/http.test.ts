// @vitest-environment node
import { createServer } from 'node:http'
import { http, passthrough } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { server } from '../../../../test/support/msw-server.js'
import { type RunningSimulator, startSimulator } from '../http/startSimulator.js'
import { COMPLETE_DEMOGRAPHICS } from './helpers.js'

const running: RunningSimulator[] = []

afterEach(async () => {
  vi.useRealTimers()
  await Promise.all(running.splice(0).map((simulator) => simulator.close()))
})

/** Starts a simulator on a free port and lets its requests through the suite's MSW server. */
async function start(options: Parameters<typeof startSimulator>[0] = {}) {
  const simulator = await startSimulator(options)
  running.push(simulator)
  server.use(http.all(`${simulator.url}/*`, () => passthrough()))
  return simulator
}

function post(url: string, key: Record<string, string>, body: unknown, method = 'POST') {
  return fetch(url, { method, headers: { 'content-type': 'application/json', ...key }, body: JSON.stringify(body) })
}

/** A user with demographics, made over HTTP, and a portal URL for it. */
async function portalUrl(sim: RunningSimulator): Promise<string> {
  const key = { 'x-vital-api-key': sim.keys.junction }
  const user = (await (await post(`${sim.baseUrls.junction}/v2/user`, key, { client_user_id: 'h1' })).json()) as {
    user_id: string
  }
  const saved = await post(`${sim.baseUrls.junction}/v2/user/${user.user_id}/info`, key, COMPLETE_DEMOGRAPHICS, 'PATCH')
  expect(saved.status).toBe(200)
  const created = await post(`${sim.baseUrls.junction}/v2/user/${user.user_id}/create_portal_url`, key, {
    context: 'launch',
  })
  return ((await created.json()) as { url: string }).url
}

describe('startSimulator', () => {
  it('serves every API under a path of one loopback origin', async () => {
    const sim = await start()
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sim.baseUrls).toEqual({
      junction: `${sim.url}/junction`,
      management: `${sim.url}/management`,
      userhub: `${sim.url}/userhub`,
      portalAdmin: `${sim.url}/portal-admin`,
      pages: `${sim.url}/pages`,
    })
    expect(sim.keys).toEqual({
      junction: 'sk_sim_junction',
      management: 'mg_sim_management',
      userhub: 'uh_sim_admin',
      portalAdmin: 'pa_sim_admin',
    })
    expect(sim.orgId).toBe(sim.simulator.orgId)
    const portal = await post(
      `${sim.baseUrls.portalAdmin}/v1/portal`,
      { authorization: `Bearer ${sim.keys.portalAdmin}` },
      { name: 'N' },
    )
    expect(portal.status).toBe(201)
    const denied = await post(`${sim.baseUrls.userhub}/admin/v1/users/u:createPortalSession`, {}, {})
    expect(await denied.json()).toMatchObject({ code: 'UNAUTHENTICATED' })
  })

  it('opens a portal URL once over HTTP; the second load says already used', async () => {
    const sim = await start()
    const url = await portalUrl(sim)
    expect(url.startsWith(`${sim.baseUrls.pages}/junction/portal?token=`)).toBe(true)
    const first = await fetch(url)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-security-policy')).toContain("script-src 'nonce-")
    expect(await first.text()).toContain('<h1>Junction User Portal</h1>')
    const second = await fetch(url)
    expect(second.status).toBe(410)
    expect(await second.text()).toContain('This link has already been used')
  })

  it('says expired after the lifetime and not valid for a tampered token', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'))
    const sim = await start()
    const expiring = await portalUrl(sim)
    const tampered = `${expiring.slice(0, -4)}${expiring.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`
    const bad = await fetch(tampered)
    expect(bad.status).toBe(401)
    expect(await bad.text()).toContain('This link is not valid')
    vi.setSystemTime(new Date('2026-03-01T12:05:00Z'))
    const expired = await fetch(expiring)
    expect(expired.status).toBe(410)
    expect(await expired.text()).toContain('This link has expired')
  })

  it('serves the dashboard page with both buttons and a script that posts to an explicit origin', async () => {
    const sim = await start()
    const created = await post(
      `${sim.baseUrls.management}/v1/org/${sim.orgId}/ehr_integration/create_dashboard_url`,
      { 'x-management-key': sim.keys.management },
      {
        integration_member_id: 'm',
        integration_team_id: 't',
        feature: 'order_creation',
        modality: 'feature_embed',
        environment: 'sandbox',
      },
    )
    const { url } = (await created.json()) as { url: string }
    expect(url.startsWith(`${sim.baseUrls.pages}/junction/dashboard?token=`)).toBe(true)
    const html = await (await fetch(url)).text()
    expect(html).toContain('>Create order</button>')
    expect(html).toContain('>Cancel order creation</button>')
    expect(html).toContain('window.parent.postMessage({ type, data }, targetOrigin)')
    expect(html).toContain('location.ancestorOrigins?.[0]')
  })

  it('refuses bodies over 1 MB with 413, declared or streamed', async () => {
    const sim = await start()
    const key = { 'x-vital-api-key': sim.keys.junction }
    const big = JSON.stringify({ client_user_id: 'x'.repeat(1024 * 1024) })
    const declared = await post(`${sim.baseUrls.junction}/v2/user`, key, JSON.parse(big))
    expect(declared.status).toBe(413)
    const chunks = [new TextEncoder().encode(big.slice(0, 600_000)), new TextEncoder().encode(big.slice(600_000))]
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift()
        if (next) controller.enqueue(next)
        else controller.close()
      },
    })
    const init: RequestInit & { duplex: 'half' } = { method: 'POST', headers: key, body, duplex: 'half' }
    const streamed = await fetch(`${sim.baseUrls.junction}/v2/user`, init)
    expect(streamed.status).toBe(413)
    expect(sim.simulator.state.junctionUsers()).toEqual([])
    expect((await post(`${sim.baseUrls.junction}/v2/user`, key, { client_user_id: 'ok' })).status).toBe(200)
  })

  it('aborts a timed-out call when the client gives up, and close() still returns', async () => {
    const sim = await start()
    sim.simulator.fail({ api: 'junction', kind: 'timeout' })
    const call = fetch(`${sim.baseUrls.junction}/v2/user`, {
      method: 'POST',
      headers: { 'x-vital-api-key': sim.keys.junction },
      body: '{"client_user_id":"late"}',
      signal: AbortSignal.timeout(100),
    })
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' })
    await sim.close()
  })

  it('frees its port on close()', async () => {
    const sim = await startSimulator()
    const port = Number(new URL(sim.url).port)
    await sim.close()
    const again = createServer()
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject)
      again.listen(port, '127.0.0.1', resolve)
    })
    await new Promise((resolve) => again.close(resolve))
  })

  it('refuses to listen on a host that is not loopback', async () => {
    await expect(startSimulator({ host: '0.0.0.0' })).rejects.toThrow(/loopback only/)
    await expect(startSimulator({ host: 'example.com' })).rejects.toThrow(/loopback only/)
  })
})
