// @vitest-environment node
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { COMPLETE_DEMOGRAPHICS, ORIGIN, setupEmbedServer } from '../../../test/support/embed-server.js'
import { toNodeHandler } from '../node.js'

const identity = async () => ({ integration_member_id: 'dr-who', integration_team_id: 'clinic-1' })

describe('Junction Connect session continuation', () => {
  const query =
    'integration_member_id=dr-who&integration_team_id=clinic-1&modality=feature_embed&feature=order_creation&environment=sandbox'

  it('answers 307 to a freshly signed dashboard URL', async () => {
    const { simulator, call } = setupEmbedServer({ authorizeDashboard: identity })
    const response = await call('GET', `/junction/continue?${query}`)
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe(simulator.state.issuedTokens()[0]?.url)
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('refuses features, modalities and environments outside the allow-list, before signing', async () => {
    const { simulator, call } = setupEmbedServer({
      authorizeDashboard: identity,
      continuation: { environments: ['production'] },
    })
    const response = await call('GET', `/junction/continue?${query}`)
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(await call('GET', `/junction/continue?${query.replace('order_creation', 'admin_console')}`)).toHaveProperty(
      'status',
      400,
    )
    expect(simulator.requests).toEqual([])
  })

  it('shows a page, not a redirect, when the session does not allow it', async () => {
    const { call } = setupEmbedServer({ authorizeDashboard: async () => null })
    const response = await call('GET', `/junction/continue?${query}`)
    expect(response.status).toBe(403)
    expect(response.headers.get('location')).toBeNull()
    expect(await response.text()).toContain('You cannot open this dashboard')
  })
})

describe('toNodeHandler', () => {
  let server: Server | undefined
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    server = undefined
  })

  async function listen(handler: Parameters<typeof createServer>[1]) {
    const listening = createServer(handler)
    server = listening
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`
  }

  it('serves the wire protocol over node:http, and calls next() outside basePath', async () => {
    const { embed } = setupEmbedServer({ resolveUser: async () => null })
    const node = toNodeHandler(embed)
    const passed: string[] = []
    const base = await listen((request, response) => {
      void node(request, response, () => {
        passed.push(request.url ?? '')
        response.statusCode = 204
        response.end()
      })
    })
    const answer = await fetch(`${base}/api/portals/signed-url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch' } }),
    })
    expect(answer.status).toBe(401)
    expect(await answer.json()).toMatchObject({ error: 'unauthorized' })
    expect((await fetch(`${base}/health`)).status).toBe(204)
    expect(passed).toEqual(['/health'])
  })

  it('refuses a cross-site write and an oversized body over real HTTP', async () => {
    const { embed } = setupEmbedServer()
    const base = await listen((request, response) => void toNodeHandler(embed)(request, response))
    const crossSite = await fetch(`${base}/api/portals/signed-url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: '{}',
    })
    expect(crossSite.status).toBe(403)
    const big = await fetch(`${base}/api/portals/signed-url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ pad: 'x'.repeat(40_000) }),
    })
    expect(big.status).toBe(413)
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404)
  })

  it('hands a bulk invite over 16 KB to its route whole, over real HTTP', async () => {
    const { embed, simulator } = setupEmbedServer({ authorize: async () => true })
    const id = simulator.seedPortal({ name: 'North' })
    const base = await listen((request, response) => void toNodeHandler(embed)(request, response))
    const users = Array.from({ length: 500 }, (_, i) => ({ email: `person.number.${i}@clinic-north.example.com` }))
    const invited = await fetch(`${base}/api/portals/portals/${id}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ users }),
    })
    expect(invited.status).toBe(201)
    expect(((await invited.json()) as { results: unknown[] }).results).toHaveLength(500)
  })

  it('works in Express 5 mounted under its prefix and behind express.json()', async () => {
    const { embed, simulator } = setupEmbedServer()
    await simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: COMPLETE_DEMOGRAPHICS })
    const app = express()
    app.use(express.json())
    app.use('/api/portals', toNodeHandler(embed))
    const base = await listen(app)
    const launch = { target: { kind: 'junction.user_portal', context: 'launch' } }
    const signed = await fetch(`${base}/api/portals/signed-url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify(launch),
    })
    expect(signed.status).toBe(200)
    expect(await signed.json()).toMatchObject({ expires_in: 300 })
    const saved = await fetch(`${base}/api/portals/demographics`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify(COMPLETE_DEMOGRAPHICS),
    })
    expect(saved.status).toBe(200)
  })
})
