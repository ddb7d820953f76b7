// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createVendorSimulator } from '../simulator.js'
import type { VendorSimulator } from '../types.js'
import { COMPLETE_DEMOGRAPHICS, call, UUID_PATTERN } from './helpers.js'

const MEMBER = '6e4b7a2c-1d3f-4a5b-8c9d-0e1f2a3b4c5d'
const TEAM = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
const VALID = {
  integration_member_id: 'user_456',
  integration_team_id: 'clinic_123',
  feature: 'order_creation',
  modality: 'feature_embed',
  environment: 'sandbox',
}

function dashboardUrl(simulator: VendorSimulator, body: unknown, orgId = simulator.orgId) {
  return call<{ url: string; expires_in: number }>(
    simulator,
    'management',
    'POST',
    `/v1/org/${orgId}/ehr_integration/create_dashboard_url`,
    { body },
  )
}

function locsOf(body: unknown): string[] {
  return (body as { detail: { loc: (string | number)[] }[] }).detail.map((item) => item.loc.join('.'))
}

describe('Junction Management: create_dashboard_url', () => {
  it('answers a dashboard page URL whose token records the feature, modality and ids', async () => {
    const simulator = createVendorSimulator()
    const response = await dashboardUrl(simulator, VALID)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      url: expect.stringMatching(/^https:\/\/pages\.simulator\.test\/junction\/dashboard\?token=[\w.-]+$/),
      expires_in: 300,
    })
    const [token] = simulator.state.issuedTokens()
    expect(token).toMatchObject({
      kind: 'junction.dashboard',
      url: response.body.url,
      feature: 'order_creation',
      modality: 'feature_embed',
      environment: 'sandbox',
      integration_member_id: 'user_456',
      member_id: null,
      integration_team_id: 'clinic_123',
      team_id: null,
    })
    expect(token?.kind === 'junction.dashboard' && token.messages).toEqual({
      created: {
        order_id: expect.stringMatching(UUID_PATTERN),
        user_id: expect.stringMatching(UUID_PATTERN),
        team_id: expect.stringMatching(UUID_PATTERN),
      },
      cancelled: { user_id: null, team_id: expect.stringMatching(UUID_PATTERN) },
    })
  })

  it('accepts Junction uuids and the configured dashboard lifetime', async () => {
    const simulator = createVendorSimulator({ expiresIn: { dashboard: 30 } })
    const response = await dashboardUrl(simulator, {
      ...VALID,
      integration_member_id: null,
      integration_team_id: undefined,
      member_id: MEMBER,
      team_id: TEAM,
      modality: 'link_out',
      environment: 'production',
      feature: 'team_panels',
    })
    expect(response.status).toBe(200)
    expect(response.body.expires_in).toBe(30)
    expect(simulator.state.issuedTokens()[0]).toMatchObject({ member_id: MEMBER, team_id: TEAM, modality: 'link_out' })
  })

  it('answers 422 with a detail array when both member ids or both team ids are given', async () => {
    const simulator = createVendorSimulator()
    const response = await dashboardUrl(simulator, { ...VALID, member_id: MEMBER, team_id: TEAM })
    expect(response.status).toBe(422)
    expect(response.body).toEqual({
      detail: [
        {
          type: 'value_error',
          loc: ['body'],
          msg: 'Value error, member_id and integration_member_id are mutually exclusive',
          input: { ...VALID, member_id: MEMBER, team_id: TEAM },
          ctx: { error: {} },
        },
        expect.objectContaining({
          loc: ['body'],
          msg: 'Value error, team_id and integration_team_id are mutually exclusive',
        }),
      ],
    })
    expect(simulator.state.issuedTokens()).toEqual([])
  })

  it('checks uuid formats, id lengths, enums and required fields', async () => {
    const simulator = createVendorSimulator()
    const response = await dashboardUrl(simulator, {
      member_id: 'dr-who',
      integration_team_id: 'x'.repeat(257),
      modality: 'iframe',
      environment: 'staging',
    })
    expect(response.status).toBe(422)
    expect(locsOf(response.body)).toEqual([
      'body.member_id',
      'body.integration_team_id',
      'body.feature',
      'body.modality',
      'body.environment',
    ])
    expect(response.body).toMatchObject({
      detail: [
        { type: 'uuid_parsing', input: 'dr-who' },
        { type: 'string_too_long', ctx: { max_length: 256 } },
        { type: 'missing', msg: 'Field required' },
        { type: 'enum', msg: "Input should be 'feature_embed' or 'link_out'" },
        { type: 'enum', msg: "Input should be 'production' or 'sandbox'" },
      ],
    })
    const longest = await dashboardUrl(simulator, { ...VALID, integration_team_id: 'x'.repeat(256) })
    expect(longest.status).toBe(200)
  })

  it('needs an existing patient with demographics for order_creation:{user_id}', async () => {
    const simulator = createVendorSimulator()
    const patient = await simulator.seedJunctionUser()
    const refused = await dashboardUrl(simulator, { ...VALID, feature: `order_creation:${patient}` })
    expect(refused.status).toBe(422)
    expect(locsOf(refused.body)).toEqual(['body.feature'])
    simulator.setDemographics(patient, COMPLETE_DEMOGRAPHICS)
    const accepted = await dashboardUrl(simulator, { ...VALID, feature: `order_creation:${patient}` })
    expect(accepted.status).toBe(200)
    const token = simulator.state.issuedTokens()[0]
    expect(token?.kind === 'junction.dashboard' && token.messages.cancelled.user_id).toBe(patient)
    expect(token?.kind === 'junction.dashboard' && token.messages.created.user_id).toBe(patient)
  })

  it('answers 404 for an unknown organisation and 422 for an org_id that is not a uuid', async () => {
    const simulator = createVendorSimulator()
    const unknown = await dashboardUrl(simulator, VALID, TEAM)
    expect(unknown).toMatchObject({ status: 404, body: { detail: expect.any(String) } })
    const notUuid = await dashboardUrl(simulator, VALID, 'acme')
    expect(notUuid).toMatchObject({ status: 422, body: { detail: [{ loc: ['path', 'org_id'] }] } })
  })

  it('answers 401 without the management key, and refuses a team API key', async () => {
    const simulator = createVendorSimulator()
    const path = `/v1/org/${simulator.orgId}/ehr_integration/create_dashboard_url`
    const none = await call(simulator, 'management', 'POST', path, { body: VALID, auth: false })
    expect(none).toMatchObject({ status: 401, body: { detail: expect.stringContaining('X-Management-Key') } })
    const team = await call(simulator, 'management', 'POST', path, {
      body: VALID,
      auth: false,
      headers: { 'x-vital-api-key': simulator.keys.junction },
    })
    expect(team).toMatchObject({
      status: 401,
      body: { detail: expect.stringContaining('Team API Key is not accepted') },
    })
    const wrong = await call(simulator, 'management', 'POST', path, {
      body: VALID,
      headers: { 'x-management-key': 'mg_other' },
    })
    expect(wrong).toMatchObject({ status: 401, body: { detail: 'Invalid Management Key.' } })
    expect(simulator.state.issuedTokens()).toEqual([])
  })
})
