// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import { COMPLETE_DEMOGRAPHICS, ORIGIN, setupEmbedServer } from '../../../test/support/embed-server.js'
import { defaultAuthorize } from '../authorize.js'
import { createEmbedHandler } from '../createEmbedHandler.js'
import type { AuthorizeContext, EmbedAction, ResolvedUser } from '../options.js'

const ORDER = '0f8fad5b-d9cb-469f-a165-70867728950e'
const own = { kind: 'junction.user_portal', context: 'launch' }
const dashboard = {
  kind: 'junction.dashboard',
  feature: 'order_creation',
  modality: 'feature_embed',
  environment: 'sandbox',
}
const identity = async () => ({ integration_member_id: 'dr-who', integration_team_id: 'clinic-1' })

async function ready(overrides: Parameters<typeof setupEmbedServer>[0] = {}) {
  const server = setupEmbedServer({ allowedOrigins: [ORIGIN], authorizeDashboard: identity, ...overrides })
  await server.simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: COMPLETE_DEMOGRAPHICS })
  server.simulator.seedUserhubUser('uh-1')
  const setupCalls = server.simulator.requests.length
  return { ...server, vendorCallsAfterSetup: () => server.simulator.requests.slice(setupCalls) }
}

describe('the default policy (no authorize)', () => {
  it.each([
    ['a subject', { target: { ...own, subject: 'patient-42' } }],
    ['an order_id', { target: { ...own, order_id: ORDER } }],
    ['a communications link for a subject', { target: { ...own, context: 'communications', subject: 'p-1' } }],
    ['an organization_id', { target: { kind: 'userhub.portal', organization_id: 'org_of_someone_else' } }],
    ['an absolute portal_url', { target: { kind: 'userhub.portal', portal_url: 'https://evil.example/steal' } }],
  ])('refuses %s with 403 and calls no vendor', async (_, body) => {
    const { call, vendorCallsAfterSetup, logs } = await ready({
      resolveUser: async () => ({ clientUserId: 'host-user-1', userhubUserId: 'uh-1' }),
    })
    const response = await call('POST', '/signed-url', body)
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: 'forbidden' })
    expect(vendorCallsAfterSetup()).toEqual([])
    expect(logs.join('\n')).toContain('request refused by authorize')
    expect(logs.join('\n')).not.toMatch(/patient-42|org_of_someone_else|evil\.example/)
  })

  it("refuses another subject's demographics, read and write, without reading the write's body", async () => {
    const { call, embed, vendorCallsAfterSetup } = await ready()
    expect((await call('GET', '/demographics?subject=patient-42')).status).toBe(403)
    let pulled = false
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true
          controller.enqueue(new TextEncoder().encode('{}'))
          controller.close()
        },
      },
      { highWaterMark: 0 },
    )
    const write = await embed(
      new Request(`${ORIGIN}/api/portals/demographics?subject=patient-42`, {
        method: 'PUT',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit),
    )
    expect(write.status).toBe(403)
    expect(pulled).toBe(false)
    expect(vendorCallsAfterSetup()).toEqual([])
  })

  it('holds ?subject= to the rules of a target’s subject before resolveUser sees it', async () => {
    const resolveUser = vi.fn(async () => ({ clientUserId: 'host-user-1' }))
    const { call } = await ready({ resolveUser })
    for (const subject of ['x'.repeat(257), 'a%0Ab']) {
      const response = await call('GET', `/demographics?subject=${subject}`)
      expect(response.status).toBe(422)
      expect(await response.json()).toMatchObject({ fields: [{ path: 'subject' }] })
    }
    expect(resolveUser).not.toHaveBeenCalled()
  })

  it('answers 401 before judging return URLs, so a stranger learns nothing of the allowed origins', async () => {
    const { call } = await ready({ resolveUser: async () => null })
    const target = { kind: 'userhub.portal', return_url: 'https://evil.example/x' }
    expect((await call('POST', '/signed-url', { target })).status).toBe(401)
  })

  it.each([
    ['POST', '/portals', { name: 'Clinic' }],
    ['PATCH', '/portals/p1', { name: 'Clinic' }],
    ['DELETE', '/portals/p1?confirm=p1', undefined],
    ['GET', '/portals/p1/users', undefined],
    ['POST', '/portals/p1/users', { users: [{ email: 'a@example.com' }] }],
    ['DELETE', '/portals/p1/users/u1', undefined],
  ])('refuses the admin action %s %s', async (method, path, body) => {
    const { call, vendorCallsAfterSetup } = await ready()
    expect((await call(method, path, body)).status).toBe(403)
    expect(vendorCallsAfterSetup()).toEqual([])
  })

  it('allows what names nobody but the caller: own portal (both contexts), own billing portal, own demographics, a dashboard', async () => {
    const { call } = await ready({ resolveUser: async () => ({ clientUserId: 'host-user-1', userhubUserId: 'uh-1' }) })
    expect((await call('POST', '/signed-url', { target: own })).status).toBe(200)
    expect((await call('POST', '/signed-url', { target: { ...own, context: 'communications' } })).status).toBe(200)
    const billing = { kind: 'userhub.portal', portal_url: '/{accountId}/plans', return_url: `${ORIGIN}/billing` }
    expect((await call('POST', '/signed-url', { target: billing })).status).toBe(200)
    expect((await call('GET', '/demographics')).status).toBe(200)
    expect((await call('PUT', '/demographics', COMPLETE_DEMOGRAPHICS)).status).toBe(200)
    expect((await call('POST', '/signed-url', { target: dashboard })).status).toBe(200)
  })

  it('is exported, so that a host composes it', () => {
    const user: ResolvedUser = { clientUserId: 'u' }
    const decide = (action: EmbedAction) => defaultAuthorize(new Request(ORIGIN), { user, action })
    expect(decide({ type: 'signed-url', target: { kind: 'junction.user_portal', context: 'launch' } })).toBe(true)
    expect(decide({ type: 'demographics.read', subject: 'p' })).toBe(false)
    expect(decide({ type: 'admin', operation: 'users.list', portalId: 'p', userId: undefined })).toBe(false)
  })
})

describe('authorize: one decision point for every action', () => {
  it('sees the whole validated target and what resolveUser returned, before any vendor call', async () => {
    const seen: AuthorizeContext<ResolvedUser & { role: string }>[] = []
    const resolveUser = vi.fn(async () => ({ clientUserId: 'host-user-1', role: 'clinician' }))
    const { call, vendorCallsAfterSetup } = await ready({
      resolveUser,
      authorize: async (_request, context) => {
        seen.push(context as AuthorizeContext<ResolvedUser & { role: string }>)
        return false
      },
    })
    const target = { ...own, context: 'communications', order_id: ORDER, subject: 'patient-42' }
    expect((await call('POST', '/signed-url', { target })).status).toBe(403)
    const action = { type: 'signed-url', target }
    expect(resolveUser).toHaveBeenCalledWith(expect.any(Request), { action, subject: 'patient-42' })
    expect(seen).toEqual([{ user: { clientUserId: 'host-user-1', role: 'clinician' }, action }])
    expect(vendorCallsAfterSetup()).toEqual([])
  })

  it('lets a clinician launch a patient’s portal but not mint the patient’s 14-day link', async () => {
    const { call, simulator } = await ready({
      resolveUser: async (_request, { subject }) => ({ clientUserId: subject ?? 'host-user-1' }),
      authorize: (request, context) => {
        const { action } = context
        if (action.type === 'signed-url' && action.target.kind === 'junction.user_portal' && action.target.subject) {
          return action.target.context === 'launch' && action.target.order_id === undefined
        }
        return defaultAuthorize(request, context)
      },
    })
    await simulator.seedJunctionUser({ clientUserId: 'patient-42', demographics: COMPLETE_DEMOGRAPHICS })
    expect((await call('POST', '/signed-url', { target: { ...own, subject: 'patient-42' } })).status).toBe(200)
    const link = { ...own, context: 'communications', subject: 'patient-42' }
    expect((await call('POST', '/signed-url', { target: link })).status).toBe(403)
    expect(
      (await call('POST', '/signed-url', { target: { ...own, subject: 'patient-42', order_id: ORDER } })).status,
    ).toBe(403)
  })

  it('keeps a tenant admin to their own portal: A can neither read nor delete B', async () => {
    const tenantOf = new Map<string, string>()
    const admin = setupEmbedServer({
      resolveUser: async () => ({ clientUserId: 'admin-a' }),
      authorize: (request, context) => {
        const { action, user } = context
        if (action.type !== 'admin') return defaultAuthorize(request, context)
        return action.portalId !== undefined && action.portalId === tenantOf.get(user.clientUserId ?? '')
      },
    })
    const portalA = admin.simulator.seedPortal({ name: 'A', users: [{ email: 'a@example.com' }] })
    const portalB = admin.simulator.seedPortal({ name: 'B', users: [{ email: 'b@example.com' }] })
    tenantOf.set('admin-a', portalA)
    expect((await admin.call('GET', `/portals/${portalA}/users`)).status).toBe(200)
    const before = admin.simulator.requests.length
    expect((await admin.call('GET', `/portals/${portalB}/users`)).status).toBe(403)
    expect((await admin.call('PATCH', `/portals/${portalB}`, { name: 'Mine now' })).status).toBe(403)
    expect((await admin.call('DELETE', `/portals/${portalB}?confirm=${portalB}`)).status).toBe(403)
    const userB = admin.simulator.state.portalUsers(portalB)[0]?.id
    expect((await admin.call('DELETE', `/portals/${portalB}/users/${userB}`)).status).toBe(403)
    expect((await admin.call('POST', '/portals', { name: 'New' })).status).toBe(403)
    expect(admin.simulator.requests.slice(before)).toEqual([])
    expect(admin.simulator.state.portal(portalB)).toMatchObject({ name: 'B' })
    expect(admin.simulator.state.portalUsers(portalB)).toHaveLength(1)
  })

  it('hands each admin route its operation and ids', async () => {
    const actions: EmbedAction[] = []
    const admin = setupEmbedServer({
      authorize: async (_request, { action }) => {
        actions.push(action)
        return false
      },
    })
    await admin.call('POST', '/portals', { name: 'X' })
    await admin.call('PATCH', '/portals/p1', { name: 'X' })
    await admin.call('DELETE', '/portals/p1?confirm=p1')
    await admin.call('GET', '/portals/p1/users')
    await admin.call('POST', '/portals/p1/users', { users: [] })
    await admin.call('DELETE', '/portals/p1/users/u%40example.com')
    expect(actions).toEqual([
      { type: 'admin', operation: 'portal.create', portalId: undefined, userId: undefined },
      { type: 'admin', operation: 'portal.update', portalId: 'p1', userId: undefined },
      { type: 'admin', operation: 'portal.delete', portalId: 'p1', userId: undefined },
      { type: 'admin', operation: 'users.list', portalId: 'p1', userId: undefined },
      { type: 'admin', operation: 'users.invite', portalId: 'p1', userId: undefined },
      { type: 'admin', operation: 'users.remove', portalId: 'p1', userId: 'u@example.com' },
    ])
  })

  it('logs the route template, never the ids or addresses in the path', async () => {
    const admin = setupEmbedServer({ authorize: async () => false })
    await admin.call('DELETE', '/portals/p-secret/users/jane.doe%40example.com')
    const lines = admin.logs.join('\n')
    expect(lines).toContain('"route":"/portals/:portalId/users/:userId"')
    expect(lines).not.toMatch(/jane|p-secret/)
  })

  it('hands authorizeDashboard the user, and the user only from resolveUser', async () => {
    const authorizeDashboard = vi.fn(async (_request: Request, _target: unknown, _user: ResolvedUser) => identity())
    const { call } = await ready({ authorizeDashboard, resolveUser: async () => ({ clientUserId: 'dr-who' }) })
    await call('POST', '/signed-url', { target: { ...dashboard, integration_member_id: 'someone-else' } })
    expect(authorizeDashboard.mock.calls[0]?.[2]).toEqual({ clientUserId: 'dr-who' })
  })

  it('names the replacement when a host still passes authorizeAdmin', () => {
    const options = { resolveUser: async () => null, authorizeAdmin: async () => true }
    expect(() => createEmbedHandler(options)).toThrow(/authorizeAdmin was replaced by authorize/)
  })
})
