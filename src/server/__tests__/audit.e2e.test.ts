// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { COMPLETE_DEMOGRAPHICS, setupEmbedServer } from '../../../test/support/embed-server.js'
import type { AuditEvent, EmbedHandlerOptions } from '../options.js'

const PORTAL = { target: { kind: 'junction.user_portal', context: 'launch' } }
const PORTAL_ACTION = { type: 'signed-url', target: { kind: 'junction.user_portal', context: 'launch' } }
const USER = { clientUserId: 'host-user-1' }
const CONTINUE =
  '/junction/continue?integration_member_id=dr-who&integration_team_id=clinic-1&modality=feature_embed&feature=order_creation&environment=sandbox'
const identity = async () => ({ integration_member_id: 'dr-who', integration_team_id: 'clinic-1' })
const allowAll = { authorize: async () => true, authorizeDashboard: identity }

interface Case {
  name: string
  options?: Partial<EmbedHandlerOptions>
  /** Puts the simulator in the state the case needs. */
  arrange?: (setup: ReturnType<typeof setupEmbedServer>) => unknown
  request: [method: string, path: string, body?: unknown, headers?: Record<string, string>]
  event: Partial<AuditEvent>
}

const CASES: Case[] = [
  {
    name: 'a signed URL minted',
    arrange: ({ simulator }) =>
      simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: COMPLETE_DEMOGRAPHICS }),
    request: ['POST', '/signed-url', PORTAL],
    event: {
      route: '/signed-url',
      method: 'POST',
      action: PORTAL_ACTION as AuditEvent['action'],
      user: USER,
      decision: 'allowed',
      status: 200,
      vendor: 'junction',
    },
  },
  {
    name: 'demographics missing at Junction',
    request: ['POST', '/signed-url', PORTAL],
    event: {
      route: '/signed-url',
      decision: 'allowed',
      status: 422,
      error: 'demographics_required',
      vendor: 'junction',
    },
  },
  {
    name: 'an invalid target, refused before it was read as an action',
    request: ['POST', '/signed-url', { target: { kind: 'nope' } }],
    event: { route: '/signed-url', action: null, user: null, decision: null, status: 422, error: 'validation_error' },
  },
  {
    name: 'a body that is not JSON',
    request: ['POST', '/signed-url', undefined, { 'content-type': 'text/plain' }],
    event: { route: '/signed-url', action: null, status: 415, error: 'validation_error' },
  },
  {
    name: 'a body over the limit',
    request: ['POST', '/signed-url', { target: 'x'.repeat(20_000) }],
    event: { route: '/signed-url', action: null, status: 413, error: 'validation_error' },
  },
  {
    name: 'a signed-out caller',
    options: { resolveUser: async () => null },
    request: ['POST', '/signed-url', PORTAL],
    event: {
      action: PORTAL_ACTION as AuditEvent['action'],
      user: null,
      decision: null,
      status: 401,
      error: 'unauthorized',
    },
  },
  {
    name: 'an action authorize refuses',
    options: { authorize: async () => false },
    request: ['POST', '/signed-url', PORTAL],
    event: { user: USER, decision: 'denied', status: 403, error: 'forbidden' },
  },
  {
    name: 'an authorize that answers something other than true',
    options: { authorize: (async () => 'false') as unknown as EmbedHandlerOptions['authorize'] },
    request: ['POST', '/signed-url', PORTAL],
    event: { user: USER, decision: 'denied', status: 403, error: 'forbidden' },
  },
  {
    name: 'an authorize that does not decide within decisionTimeoutMs',
    options: { authorize: () => new Promise<boolean>(() => undefined), decisionTimeoutMs: 20 },
    request: ['POST', '/signed-url', PORTAL],
    event: { user: USER, decision: null, status: 504, error: 'timeout' },
  },
  {
    name: 'a dashboard feature the default policy refuses',
    options: { authorizeDashboard: identity },
    request: [
      'POST',
      '/signed-url',
      { target: { kind: 'junction.dashboard', feature: 'team_config', modality: 'link_out', environment: 'sandbox' } },
    ],
    event: { decision: 'denied', status: 403, error: 'forbidden' },
  },
  {
    name: 'a dashboard authorizeDashboard refuses',
    options: { authorizeDashboard: async () => null },
    request: [
      'POST',
      '/signed-url',
      {
        target: { kind: 'junction.dashboard', feature: 'order_creation', modality: 'link_out', environment: 'sandbox' },
      },
    ],
    event: { decision: 'denied', status: 403, error: 'forbidden' },
  },
  {
    name: 'a cross-site write',
    request: ['POST', '/signed-url', PORTAL, { origin: 'https://evil.example' }],
    event: { route: '/signed-url', action: null, user: null, decision: null, status: 403, error: 'forbidden' },
  },
  {
    name: 'a path under no route',
    request: ['GET', '/nowhere/8842'],
    event: { route: '*', method: 'GET', action: null, status: 404, error: 'not_found' },
  },
  {
    name: 'a method the route does not serve',
    request: ['DELETE', '/signed-url'],
    event: { route: '/signed-url', method: 'DELETE', action: null, status: 405, error: 'validation_error' },
  },
  {
    name: 'an id in the path that is not one',
    options: allowAll,
    request: ['GET', '/portals/a%20b/users'],
    event: { route: '/portals/:portalId/users', action: null, status: 400, error: 'validation_error' },
  },
  {
    name: 'demographics read',
    request: ['GET', '/demographics'],
    event: {
      route: '/demographics',
      action: { type: 'demographics.read', subject: undefined },
      decision: 'allowed',
      status: 200,
      vendor: 'junction',
    },
  },
  {
    name: 'demographics saved',
    request: ['PUT', '/demographics', COMPLETE_DEMOGRAPHICS],
    event: {
      action: { type: 'demographics.write', subject: undefined },
      decision: 'allowed',
      status: 200,
      vendor: 'junction',
    },
  },
  {
    name: 'a vendor that is rate limiting',
    arrange: ({ simulator }) => simulator.fail({ api: 'junction', kind: 'rate_limit', retryAfterSeconds: 2 }),
    request: ['GET', '/demographics'],
    event: { decision: 'allowed', status: 429, error: 'rate_limited', vendor: 'junction' },
  },
  {
    name: 'an admin list of portal users',
    options: allowAll,
    request: ['GET', '/portals/portal-does-not-exist/users'],
    event: {
      route: '/portals/:portalId/users',
      action: { type: 'admin', operation: 'users.list', portalId: 'portal-does-not-exist', userId: undefined },
      decision: 'allowed',
      status: 404,
      error: 'not_found',
      vendor: 'portalAdmin',
    },
  },
  {
    name: 'an admin action refused by the default policy',
    request: ['DELETE', '/portals/p1/users/u1'],
    event: { route: '/portals/:portalId/users/:userId', decision: 'denied', status: 403, error: 'forbidden' },
  },
  {
    name: 'the continuation redirecting',
    options: allowAll,
    request: ['GET', CONTINUE],
    event: { route: '/junction/continue', decision: 'allowed', status: 307, vendor: 'junctionManagement' },
  },
  {
    name: 'the continuation refusing a link outside its policy',
    options: { ...allowAll, continuation: { environments: ['production'] } },
    request: ['GET', CONTINUE],
    event: { route: '/junction/continue', action: null, status: 400, error: 'validation_error' },
  },
  {
    name: 'the continuation for a signed-out caller',
    options: { ...allowAll, resolveUser: async () => null },
    request: ['GET', CONTINUE],
    event: { route: '/junction/continue', decision: null, status: 401, error: 'unauthorized' },
  },
  {
    name: 'a resolveUser that throws',
    options: {
      resolveUser: async () => {
        throw new TypeError('session store down')
      },
    },
    request: ['POST', '/signed-url', PORTAL],
    event: { user: null, decision: null, status: 500, error: 'upstream_unavailable' },
  },
]

describe('audit: one event per request', () => {
  for (const item of CASES) {
    it(`records ${item.name}, once, with the answer's status and X-Request-Id`, async () => {
      const setup = setupEmbedServer(item.options)
      await item.arrange?.(setup)
      setup.audited.length = 0
      const response = await setup.call(...item.request)
      expect(setup.audited).toHaveLength(1)
      const [event] = setup.audited
      expect(event).toMatchObject({ ...item.event, status: response.status })
      expect(event?.requestId).toBe(response.headers.get('x-request-id'))
      expect(event?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
      if (response.status < 400) expect(event).not.toHaveProperty('error')
      if (!item.event.vendor) expect(event).not.toHaveProperty('vendor')
    })
  }
})

describe('audit: the sink', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('is awaited before the answer leaves', async () => {
    let release: (() => void) | undefined
    const { call } = setupEmbedServer({ audit: () => new Promise<void>((resolve) => (release = resolve)) })
    let answered = false
    const answer = call('GET', '/demographics').then((response) => {
      answered = true
      return response
    })
    await vi.waitFor(() => expect(release).toBeTypeOf('function'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(answered).toBe(false)
    release?.()
    expect((await answer).status).toBe(200)
  })

  it.each([
    [
      'throws',
      'RangeError',
      () => {
        throw new RangeError('disk full at /var/log/audit for Jane Doe')
      },
    ],
    ['rejects', 'SyntaxError', () => Promise.reject(new SyntaxError('table audit: Jane Doe'))],
  ])('that %s is logged by its error name and changes no answer', async (_, name, sink) => {
    const failing = setupEmbedServer({ audit: sink })
    const working = setupEmbedServer()
    for (const setup of [failing, working]) {
      await setup.simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: COMPLETE_DEMOGRAPHICS })
    }
    const refused = await failing.call('POST', '/signed-url', { target: { kind: 'nope' } })
    const allowed = await failing.call('POST', '/signed-url', PORTAL)
    expect(refused.status).toBe(422)
    expect(await refused.json()).toEqual(
      await (await working.call('POST', '/signed-url', { target: { kind: 'nope' } })).json(),
    )
    expect(allowed.status).toBe(200)
    expect(await allowed.json()).toMatchObject({ url: expect.any(String), expires_in: 300 })
    const lines = failing.logs.filter((line) => line.includes('audit sink failed'))
    expect(lines).toHaveLength(2)
    expect(lines.join('\n')).not.toContain('Jane Doe')
    for (const line of lines) expect(line).toContain(`"error":"${name}"`)
  })

  it('gives the arrival time and the duration to the millisecond', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-08T02:00:00.000Z') })
    const { call, audited } = setupEmbedServer({
      resolveUser: () => new Promise((resolve) => setTimeout(() => resolve(USER), 250)),
      authorize: async () => false,
    })
    const answer = call('POST', '/signed-url', PORTAL)
    await vi.advanceTimersByTimeAsync(250)
    expect((await answer).status).toBe(403)
    expect(audited[0]).toMatchObject({ at: '2026-12-08T02:00:00.000Z', durationMs: 250 })
  })
})

describe('audit: X-Request-Id', () => {
  it.each(['3f1c2a9e-8b7d-4c1e-9f00-0a1b2c3d4e5f', 'req_01HZX.7:abc'])(
    'keeps an incoming id of safe shape (%s)',
    async (id) => {
      const { call, audited } = setupEmbedServer()
      const response = await call('GET', '/nowhere', undefined, { 'x-request-id': id })
      expect(response.headers.get('x-request-id')).toBe(id)
      expect(audited[0]?.requestId).toBe(id)
    },
  )

  it.each(['a b', 'x'.repeat(129), '<script>', 'Jane%20Doe', ''])(
    'replaces an unsafe one (%j) with a new UUID',
    async (id) => {
      const { call, audited } = setupEmbedServer()
      const response = await call('GET', '/demographics', undefined, { 'x-request-id': id })
      const answered = response.headers.get('x-request-id')
      expect(answered).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(audited[0]?.requestId).toBe(answered)
    },
  )

  it('gives each request its own id', async () => {
    const { call } = setupEmbedServer()
    const ids = await Promise.all(
      [1, 2, 3].map(async () => (await call('GET', '/demographics')).headers.get('x-request-id')),
    )
    expect(new Set(ids).size).toBe(3)
  })
})
