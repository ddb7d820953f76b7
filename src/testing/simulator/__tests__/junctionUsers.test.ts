// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createVendorSimulator } from '../simulator.js'
import { COMPLETE_DEMOGRAPHICS, call, UUID_PATTERN } from './helpers.js'

const PYTHON_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/

describe('Junction: authentication', () => {
  it('answers 401 with a detail string when x-vital-api-key is missing or wrong', async () => {
    const simulator = createVendorSimulator()
    const missing = await call(simulator, 'junction', 'POST', '/v2/user', {
      body: { client_user_id: 'a' },
      auth: false,
    })
    expect(missing.status).toBe(401)
    expect(missing.body).toEqual({ detail: expect.stringContaining('x-vital-api-key') })
    const wrong = await call(simulator, 'junction', 'POST', '/v2/user', {
      body: { client_user_id: 'a' },
      headers: { 'x-vital-api-key': 'sk_wrong' },
    })
    expect(wrong.status).toBe(401)
    expect(wrong.body).toEqual({ detail: 'Invalid API key.' })
    expect(simulator.state.junctionUsers()).toEqual([])
  })

  it('answers 404 for an unknown path and 405 for a wrong method, like FastAPI', async () => {
    const simulator = createVendorSimulator()
    expect(await call(simulator, 'junction', 'GET', '/v2/nothing')).toMatchObject({
      status: 404,
      body: { detail: 'Not Found' },
    })
    const wrongMethod = await call(simulator, 'junction', 'DELETE', '/v2/user')
    expect(wrongMethod).toMatchObject({ status: 405, body: { detail: 'Method Not Allowed' } })
    expect(wrongMethod.headers.get('allow')).toBe('POST')
  })
})

describe('Junction: POST /v2/user', () => {
  it('creates a user and answers the ClientFacingUser', async () => {
    const simulator = createVendorSimulator()
    const created = await call(simulator, 'junction', 'POST', '/v2/user', {
      body: { client_user_id: 'host-1', fallback_time_zone: 'Europe/London' },
    })
    expect(created.status).toBe(200)
    expect(created.body).toEqual({
      user_id: expect.stringMatching(UUID_PATTERN),
      team_id: simulator.teamId,
      client_user_id: 'host-1',
      created_on: expect.stringMatching(PYTHON_TIME),
      connected_sources: [],
      fallback_time_zone: {
        id: 'Europe/London',
        source_slug: 'manual',
        updated_at: expect.stringMatching(PYTHON_TIME),
      },
      fallback_birth_date: null,
      ingestion_start: null,
      ingestion_end: null,
    })
    expect(simulator.state.junctionUserByClientId('host-1')?.user_id).toBe(
      (created.body as { user_id: string }).user_id,
    )
  })

  it('seeds users with a free client_user_id, and refuses a taken one', async () => {
    const simulator = createVendorSimulator()
    await call(simulator, 'junction', 'POST', '/v2/user', { body: { client_user_id: 'sim-user-1' } })
    const seeded = await simulator.seedJunctionUser()
    expect(simulator.state.junctionUser(seeded)?.client_user_id).toBe('sim-user-2')
    await expect(simulator.seedJunctionUser({ clientUserId: 'sim-user-1' })).rejects.toThrow(/already exists/)
  })

  it('accepts the trailing slash of the vendor docs', async () => {
    const simulator = createVendorSimulator()
    expect((await call(simulator, 'junction', 'POST', '/v2/user/', { body: { client_user_id: 'x' } })).status).toBe(200)
  })

  it('answers 400 with the existing user_id and created_on for a taken client_user_id', async () => {
    const simulator = createVendorSimulator()
    const existing = await simulator.seedJunctionUser({ clientUserId: 'host-1' })
    const again = await call(simulator, 'junction', 'POST', '/v2/user', { body: { client_user_id: 'host-1' } })
    expect(again.status).toBe(400)
    expect(again.body).toEqual({
      detail: {
        error_type: 'INVALID_REQUEST',
        error_message: 'Client user id already exists.',
        user_id: existing,
        created_on: simulator.state.junctionUser(existing)?.created_on,
      },
    })
    expect(simulator.state.junctionUsers()).toHaveLength(1)
  })

  it('answers a FastAPI 422 for a missing or mistyped client_user_id and for bad JSON', async () => {
    const simulator = createVendorSimulator()
    const missing = await call(simulator, 'junction', 'POST', '/v2/user', { body: { fallback_time_zone: null } })
    expect(missing.status).toBe(422)
    expect(missing.body).toEqual({
      detail: [
        {
          loc: ['body', 'client_user_id'],
          msg: 'Field required',
          type: 'missing',
          input: { fallback_time_zone: null },
        },
      ],
    })
    const number = await call(simulator, 'junction', 'POST', '/v2/user', { body: { client_user_id: 7 } })
    expect(number.body).toMatchObject({ detail: [{ loc: ['body', 'client_user_id'], type: 'string_type' }] })
    const date = await call(simulator, 'junction', 'POST', '/v2/user', {
      body: { client_user_id: 'y', fallback_birth_date: '1990-02-30' },
    })
    expect(date.body).toMatchObject({
      detail: [{ loc: ['body', 'fallback_birth_date'], type: 'date_from_datetime_parsing' }],
    })
    const broken = await call(simulator, 'junction', 'POST', '/v2/user', { rawBody: '{"client_user_id": ' })
    expect(broken).toMatchObject({ status: 422, body: { detail: [{ type: 'json_invalid', loc: ['body', 0] }] } })
    const empty = await call(simulator, 'junction', 'POST', '/v2/user')
    expect(empty).toMatchObject({ status: 422, body: { detail: [{ type: 'missing', loc: ['body'] }] } })
    expect(simulator.state.junctionUsers()).toEqual([])
  })
})

describe('Junction: demographics', () => {
  it('answers 404 for a user without demographics, then stores a PATCH and reads it back', async () => {
    const simulator = createVendorSimulator()
    const userId = await simulator.seedJunctionUser()
    const before = await call(simulator, 'junction', 'GET', `/v2/user/${userId}/info/latest`)
    expect(before).toEqual({ status: 404, body: { detail: expect.any(String) }, headers: expect.any(Headers) })

    const saved = await call(simulator, 'junction', 'PATCH', `/v2/user/${userId}/info`, { body: COMPLETE_DEMOGRAPHICS })
    const expected = {
      ...COMPLETE_DEMOGRAPHICS,
      address: { ...COMPLETE_DEMOGRAPHICS.address, second_line: null, access_notes: null },
      medical_proxy: null,
      race: null,
      ethnicity: null,
      sexual_orientation: null,
      gender_identity: null,
    }
    expect(saved).toMatchObject({ status: 200, body: expected })
    expect(await call(simulator, 'junction', 'GET', `/v2/user/${userId}/info/latest`)).toMatchObject({
      status: 200,
      body: expected,
    })
  })

  it('answers 404 for an unknown user and 422 for a user_id that is not a uuid', async () => {
    const simulator = createVendorSimulator()
    const unknown = await call(
      simulator,
      'junction',
      'GET',
      '/v2/user/4a1e6f3c-0d2b-4c8e-9f7a-1b2c3d4e5f60/info/latest',
    )
    expect(unknown).toMatchObject({ status: 404, body: { detail: 'User not found.' } })
    const patched = await call(simulator, 'junction', 'PATCH', '/v2/user/4a1e6f3c-0d2b-4c8e-9f7a-1b2c3d4e5f60/info', {
      body: COMPLETE_DEMOGRAPHICS,
    })
    expect(patched.status).toBe(404)
    const notUuid = await call(simulator, 'junction', 'GET', '/v2/user/host-1/info/latest')
    expect(notUuid).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ['path', 'user_id'], type: 'uuid_parsing' }] },
    })
  })

  it('refuses an incomplete or malformed UserInfoCreateRequest with one detail item per field', async () => {
    const simulator = createVendorSimulator()
    const userId = await simulator.seedJunctionUser()
    const { zip: _zip, ...addressWithoutZip } = COMPLETE_DEMOGRAPHICS.address
    const response = await call(simulator, 'junction', 'PATCH', `/v2/user/${userId}/info`, {
      body: {
        ...COMPLETE_DEMOGRAPHICS,
        first_name: 'José',
        last_name: ' Lovelace',
        email: 'ada-at-example.com',
        dob: '10/12/1985',
        race: 'martian',
        address: { ...addressWithoutZip, zip_code: '94105' },
      },
    })
    expect(response.status).toBe(422)
    const detail = (response.body as { detail: { loc: unknown[]; type: string; msg: string }[] }).detail
    expect(detail.map((item) => [item.loc.join('.'), item.type])).toEqual([
      ['body.first_name', 'string_pattern_mismatch'],
      ['body.last_name', 'string_pattern_mismatch'],
      ['body.email', 'value_error'],
      ['body.dob', 'date_from_datetime_parsing'],
      ['body.address.zip', 'missing'],
      ['body.race', 'enum'],
    ])
    for (const item of detail) expect(item.msg).toEqual(expect.any(String))
    expect(simulator.state.demographics(userId)).toBeNull()
  })

  it('requires every top-level field of the full object', async () => {
    const simulator = createVendorSimulator()
    const userId = await simulator.seedJunctionUser()
    const response = await call(simulator, 'junction', 'PATCH', `/v2/user/${userId}/info`, {
      body: { first_name: 'Ada' },
    })
    const locs = (response.body as { detail: { loc: string[] }[] }).detail.map((item) => item.loc.join('.'))
    expect(locs).toEqual([
      'body.last_name',
      'body.email',
      'body.phone_number',
      'body.gender',
      'body.dob',
      'body.address',
    ])
  })
})
