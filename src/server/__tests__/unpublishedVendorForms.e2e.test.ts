// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { COMPLETE_DEMOGRAPHICS, setupEmbedServer } from '../../../test/support/embed-server.js'
import { REQUIRED_DEMOGRAPHIC_FIELDS } from '../../core/demographics.js'
import { createVendorSimulator, type UnpublishedVendorBehaviour } from '../../testing/index.js'

// The server run against every form the simulator can play of what the vendors do not publish.

const launch = { kind: 'junction.user_portal', context: 'launch' }
const communications = { kind: 'junction.user_portal', context: 'communications' }
const dashboard = { kind: 'junction.dashboard', feature: 'team_panels', modality: 'link_out', environment: 'sandbox' }
const bothPairs = async () => ({ integration_member_id: 'dr-who', integration_team_id: 'clinic-1' })
const memberOnly = async () => ({ integration_member_id: 'dr-who' })

describe.each(['not_found', 'unprocessable', 'empty'] as const)('a user without demographics (%s)', (form) => {
  it('reads as none on file, and the portal asks for them', async () => {
    const { simulator, call } = setupEmbedServer({}, { unpublished: { noDemographics: form } })
    await simulator.seedJunctionUser({ clientUserId: 'host-user-1' })
    const read = await call('GET', '/demographics')
    expect(read.status).toBe(200)
    expect(await read.json()).toEqual({ demographics: null, missing: [...REQUIRED_DEMOGRAPHIC_FIELDS] })
    const portal = await call('POST', '/signed-url', { target: launch })
    expect(portal.status).toBe(422)
    expect(await portal.json()).toMatchObject({
      error: 'demographics_required',
      missing: expect.arrayContaining(['first_name', 'address.zip']),
    })
  })
})

it('keeps demographics that are only partly filled in (a 200 with some required fields)', async () => {
  const { simulator, call } = setupEmbedServer({}, { unpublished: { noDemographics: 'empty' } })
  await simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: { first_name: 'Ada' } })
  const read = (await (await call('GET', '/demographics')).json()) as { demographics: unknown; missing: string[] }
  expect(read.demographics).toMatchObject({ first_name: 'Ada' })
  expect(read.missing).not.toContain('first_name')
})

describe('expires_in outside 10 s to 60 days', () => {
  const warnings = (logs: string[]) => logs.filter((line) => line.includes('expires_in outside'))

  it('is passed on with a warning that holds no URL; a value inside the range logs nothing', async () => {
    const { simulator, call, logs } = setupEmbedServer(
      { authorizeDashboard: bothPairs },
      { expiresIn: { launch: 5, communications: 100 * 86_400, dashboard: 300 } },
    )
    await simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: COMPLETE_DEMOGRAPHICS })
    const short = await call('POST', '/signed-url', { target: launch })
    expect(short.status).toBe(200)
    expect(await short.json()).toMatchObject({ expires_in: 5 })
    const long = await call('POST', '/signed-url', { target: communications })
    expect(await long.json()).toMatchObject({ expires_in: 8_640_000 })
    expect((await call('POST', '/signed-url', { target: dashboard })).status).toBe(200)
    expect(warnings(logs)).toHaveLength(2)
    expect(warnings(logs).join('\n')).toContain('"expiresIn":5')
    expect(logs.join('\n')).not.toContain(simulator.baseUrls.pages)
    expect(logs.join('\n')).not.toContain('token=')
  })

  it('in milliseconds (expiresInUnit) is passed on as stated, with a warning when out of range', async () => {
    const { simulator, call, logs } = setupEmbedServer(
      { authorizeDashboard: bothPairs },
      { unpublished: { expiresInUnit: 'milliseconds' }, expiresIn: { dashboard: 6_000 } },
    )
    await simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: COMPLETE_DEMOGRAPHICS })
    expect(await (await call('POST', '/signed-url', { target: launch })).json()).toMatchObject({ expires_in: 300_000 })
    expect(await (await call('POST', '/signed-url', { target: communications })).json()).toMatchObject({
      expires_in: 1_209_600_000,
    })
    expect(await (await call('POST', '/signed-url', { target: dashboard })).json()).toMatchObject({
      expires_in: 6_000_000,
    })
    expect(warnings(logs).map((line) => /"operation":"([^"]+)"/.exec(line)?.[1])).toEqual([
      'create portal URL',
      'create dashboard URL',
    ])
  })
})

describe.each(['optional', 'required'] as const)('create_dashboard_url with id pairs %s', (dashboardIdPairs) => {
  const unpublished: UnpublishedVendorBehaviour = { dashboardIdPairs }

  it('signs a dashboard for one id of each pair', async () => {
    const { call, simulator } = setupEmbedServer({ authorizeDashboard: bothPairs }, { unpublished })
    const response = await call('POST', '/signed-url', { target: dashboard })
    expect(response.status).toBe(200)
    expect(simulator.state.issuedTokens()[0]).toMatchObject({ integration_team_id: 'clinic-1' })
    const continued = await call('GET', '/junction/continue?feature=team_panels&modality=link_out&environment=sandbox')
    expect(continued.status).toBe(307)
  })

  it(
    dashboardIdPairs === 'optional'
      ? 'signs a dashboard for a member alone (the vendor picks the team)'
      : 'answers a typed 502 for a member alone, and logs which pair and which option',
    async () => {
      const { call, logs } = setupEmbedServer({ authorizeDashboard: memberOnly }, { unpublished })
      const response = await call('POST', '/signed-url', { target: dashboard })
      if (dashboardIdPairs === 'optional') {
        expect(response.status).toBe(200)
        return
      }
      expect(response.status).toBe(502)
      expect(response.headers.get('retry-after')).toBe('3600')
      expect(await response.json()).toMatchObject({ error: 'upstream_unavailable' })
      const line = logs.find((l) => l.includes('member/team pair'))
      expect(line).toContain('"missing":["team"]')
      expect(line).toContain('"option":"authorizeDashboard"')
      const continued = await call(
        'GET',
        '/junction/continue?feature=team_panels&modality=link_out&environment=sandbox',
      )
      expect(continued.status).toBe(502)
    },
  )

  it('answers a refusal of an id the server chose as a 422 that names no field of the browser', async () => {
    const { call } = setupEmbedServer(
      { authorizeDashboard: async () => ({ member_id: 'not-a-uuid', integration_team_id: 't' }) },
      { unpublished },
    )
    const response = await call('POST', '/signed-url', { target: dashboard })
    expect(response.status).toBe(422)
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ error: 'validation_error' })
    expect(body.fields).toBeUndefined()
  })
})

type Call = ReturnType<typeof setupEmbedServer>['call']

/** Every route that calls a vendor API that FastAPI serves, each expected to succeed. */
async function tour(send: Call) {
  expect((await send('PUT', '/demographics', COMPLETE_DEMOGRAPHICS)).status).toBe(200)
  expect((await send('GET', '/demographics')).status).toBe(200)
  expect((await send('POST', '/signed-url', { target: launch })).status).toBe(200)
  expect((await send('POST', '/signed-url', { target: dashboard })).status).toBe(200)
  const portal = (await (await send('POST', '/portals', { name: 'North' })).json()) as { id: string }
  expect((await send('PATCH', `/portals/${portal.id}`, { name: 'South' })).status).toBe(200)
  const invite = await send('POST', `/portals/${portal.id}/users`, { users: [{ email: 'ada@example.test' }] })
  expect(invite.status).toBe(201)
  const users = (await (await send('GET', `/portals/${portal.id}/users`)).json()) as { id: string }[]
  expect((await send('DELETE', `/portals/${portal.id}/users/${users[0]?.id}`)).status).toBe(200)
  expect((await send('DELETE', `/portals/${portal.id}?confirm=${portal.id}`)).status).toBe(200)
}

describe.each(['ignore', 'redirect'] as const)('trailing slashes (%s)', (trailingSlash) => {
  const admin = { authorize: async () => true, authorizeDashboard: bothPairs }
  const unpublished: UnpublishedVendorBehaviour = { trailingSlash }

  it('every vendor call works, and none is sent with a trailing slash', async () => {
    const { simulator, call } = setupEmbedServer(admin, { unpublished })
    await tour(call)
    expect(simulator.requests.length).toBeGreaterThan(10)
    expect(simulator.requests.filter((r) => r.path.endsWith('/'))).toEqual([])
  })

  it('the same with base URLs given with a trailing slash', async () => {
    // Only read for its base URLs and keys (the defaults, as the simulator below has them).
    const { baseUrls, keys, orgId } = createVendorSimulator()
    const { simulator, call } = setupEmbedServer(
      {
        ...admin,
        junction: { apiKey: keys.junction, baseUrl: `${baseUrls.junction[0]}/` },
        junctionManagement: { managementKey: keys.management, orgId, baseUrl: `${baseUrls.management}/` },
        portalAdmin: { apiKey: keys.portalAdmin, baseUrl: `${baseUrls.portalAdmin}/` },
      },
      { unpublished },
    )
    await tour(call)
    expect(simulator.requests.filter((r) => r.path.endsWith('/'))).toEqual([])
  })
})
