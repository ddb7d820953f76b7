// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { PortalResponse, PortalUserInviteResponse, PortalUserResponse } from '../../../core/portalAdmin.js'
import { createVendorSimulator } from '../simulator.js'
import { call, UUID_PATTERN } from './helpers.js'

const NOT_FOUND = { detail: 'Not found' }

describe('Portal administration: portals', () => {
  it('creates (201), renames (200) and deletes (200 {}) a portal', async () => {
    const simulator = createVendorSimulator()
    const created = await call<PortalResponse>(simulator, 'portalAdmin', 'POST', '/v1/portal', {
      body: { name: 'North Clinic', custom_domain: 'Portal.North.example' },
    })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      id: expect.stringMatching(UUID_PATTERN),
      name: 'North Clinic',
      custom_domain: 'portal.north.example',
      created_at: expect.any(String),
    })
    const id = created.body.id
    const renamed = await call(simulator, 'portalAdmin', 'PATCH', `/v1/portal/${id}`, { body: { name: 'North' } })
    expect(renamed).toMatchObject({ status: 200, body: { id, name: 'North', custom_domain: 'portal.north.example' } })
    const cleared = await call(simulator, 'portalAdmin', 'PATCH', `/v1/portal/${id}`, { body: { custom_domain: null } })
    expect(cleared.body).toMatchObject({ name: 'North', custom_domain: null })
    expect(await call(simulator, 'portalAdmin', 'DELETE', `/v1/portal/${id}`)).toMatchObject({ status: 200, body: {} })
    expect(simulator.state.portals()).toEqual([])
  })

  it('answers 404 {"detail":"Not found"} for an unknown portal', async () => {
    const simulator = createVendorSimulator()
    expect(await call(simulator, 'portalAdmin', 'PATCH', '/v1/portal/p-1', { body: { name: 'x' } })).toMatchObject({
      status: 404,
      body: NOT_FOUND,
    })
    expect(await call(simulator, 'portalAdmin', 'DELETE', '/v1/portal/p-1')).toMatchObject({
      status: 404,
      body: NOT_FOUND,
    })
    expect(await call(simulator, 'portalAdmin', 'GET', '/v1/portal/p-1/users')).toMatchObject({
      status: 404,
      body: NOT_FOUND,
    })
  })

  it('answers 422 for a bad name, a bad or taken custom domain and an empty update', async () => {
    const simulator = createVendorSimulator()
    simulator.seedPortal({ name: 'Taken', customDomain: 'taken.example.com' })
    const bad = await call(simulator, 'portalAdmin', 'POST', '/v1/portal', {
      body: { name: '', custom_domain: 'not a domain' },
    })
    expect(bad.status).toBe(422)
    expect(bad.body).toMatchObject({
      detail: [
        { loc: ['body', 'name'], type: 'string_too_short' },
        { loc: ['body', 'custom_domain'], type: 'value_error' },
      ],
    })
    const taken = await call(simulator, 'portalAdmin', 'POST', '/v1/portal', {
      body: { name: 'B', custom_domain: 'TAKEN.example.com' },
    })
    expect(taken.body).toMatchObject({
      detail: [{ loc: ['body', 'custom_domain'], msg: expect.stringContaining('already used') }],
    })
    const missing = await call(simulator, 'portalAdmin', 'POST', '/v1/portal', { body: {} })
    expect(missing.body).toMatchObject({ detail: [{ loc: ['body', 'name'], type: 'missing' }] })
    const id = simulator.seedPortal({ name: 'Other' })
    const empty = await call(simulator, 'portalAdmin', 'PATCH', `/v1/portal/${id}`, { body: {} })
    expect(empty).toMatchObject({ status: 422, body: { detail: [{ loc: ['body'], type: 'value_error' }] } })
    expect(simulator.state.portals().map((p) => p.name)).toEqual(['Taken', 'Other'])
  })

  it('answers 404 for an unknown portal before looking at who owns the domain asked for', async () => {
    const simulator = createVendorSimulator()
    simulator.seedPortal({ name: 'Taken', customDomain: 'taken.example.com' })
    const unknown = await call(simulator, 'portalAdmin', 'PATCH', '/v1/portal/unknown', {
      body: { custom_domain: 'taken.example.com' },
    })
    expect(unknown).toMatchObject({ status: 404, body: NOT_FOUND })
    const malformed = await call(simulator, 'portalAdmin', 'PATCH', '/v1/portal/unknown', { body: { name: 7 } })
    expect(malformed.status).toBe(422)
  })

  it('takes up to 500 people in one bulk invite, as the host endpoint sends them', async () => {
    const simulator = createVendorSimulator()
    const id = simulator.seedPortal({ name: 'North' })
    const users = Array.from({ length: 500 }, (_, i) => ({ email: `p${i}@example.com` }))
    const invited = await call(simulator, 'portalAdmin', 'POST', `/v1/portal/${id}/users`, { body: { users } })
    expect(invited.status).toBe(201)
    const tooMany = await call(simulator, 'portalAdmin', 'POST', `/v1/portal/${id}/users`, {
      body: { users: [...users, { email: 'one.more@example.com' }] },
    })
    expect(tooMany).toMatchObject({ status: 422, body: { detail: [{ loc: ['body', 'users'], type: 'too_long' }] } })
  })
})

describe('Portal administration: portal users', () => {
  it('invites, links and fails addresses in one bulk call (201), then lists them', async () => {
    const simulator = createVendorSimulator()
    const accountId = simulator.seedGlobalAccount('Known@Example.com')
    const portalId = simulator.seedPortal({ name: 'North', users: [{ email: 'member@example.com', status: 'active' }] })
    const response = await call<PortalUserInviteResponse>(
      simulator,
      'portalAdmin',
      'POST',
      `/v1/portal/${portalId}/users`,
      {
        body: {
          users: [
            { email: 'new@example.com', first_name: 'New', last_name: 'Person' },
            { email: 'known@example.com' },
            { email: 'not-an-address' },
            { email: 'MEMBER@example.com' },
            { email: 'new@example.com' },
          ],
        },
      },
    )
    expect(response.status).toBe(201)
    expect(response.body.results).toEqual([
      { email: 'new@example.com', status: 'invited', user_id: expect.stringMatching(UUID_PATTERN), error: null },
      { email: 'known@example.com', status: 'linked', user_id: accountId, error: null },
      { email: 'not-an-address', status: 'failed', user_id: null, error: expect.stringContaining('valid email') },
      { email: 'MEMBER@example.com', status: 'failed', user_id: null, error: expect.stringContaining('already') },
      { email: 'new@example.com', status: 'failed', user_id: null, error: expect.stringContaining('more than once') },
    ])

    const listed = await call<PortalUserResponse[]>(simulator, 'portalAdmin', 'GET', `/v1/portal/${portalId}/users`)
    expect(listed.status).toBe(200)
    expect(listed.body.map((user) => [user.email, user.status])).toEqual([
      ['member@example.com', 'active'],
      ['new@example.com', 'invited'],
      ['known@example.com', 'active'],
    ])
    expect(listed.body[1]).toEqual({
      id: response.body.results[0]?.user_id,
      email: 'new@example.com',
      first_name: 'New',
      last_name: 'Person',
      status: 'invited',
      invited_at: expect.any(String),
      joined_at: null,
    })
  })

  it('removes a user (200 {}), and answers 404 for an unknown user or portal', async () => {
    const simulator = createVendorSimulator()
    const portalId = simulator.seedPortal({
      name: 'North',
      users: [{ email: 'a@example.com' }, { email: 'b@example.com' }],
    })
    const [first] = simulator.state.portalUsers(portalId)
    const path = `/v1/portal/${portalId}/users/${first?.id}`
    expect(await call(simulator, 'portalAdmin', 'DELETE', path)).toMatchObject({ status: 200, body: {} })
    expect(simulator.state.portalUsers(portalId).map((user) => user.email)).toEqual(['b@example.com'])
    expect(await call(simulator, 'portalAdmin', 'DELETE', path)).toMatchObject({ status: 404, body: NOT_FOUND })
    expect(await call(simulator, 'portalAdmin', 'DELETE', `/v1/portal/nope/users/${first?.id}`)).toMatchObject({
      status: 404,
      body: NOT_FOUND,
    })
  })

  it('answers 422 for a malformed bulk invite, and 404 for a well-formed one to an unknown portal', async () => {
    const simulator = createVendorSimulator()
    const portalId = simulator.seedPortal({ name: 'North' })
    const path = `/v1/portal/${portalId}/users`
    const notList = await call(simulator, 'portalAdmin', 'POST', path, { body: { users: 'a@example.com' } })
    expect(notList).toMatchObject({ status: 422, body: { detail: [{ loc: ['body', 'users'], type: 'list_type' }] } })
    const empty = await call(simulator, 'portalAdmin', 'POST', path, { body: { users: [] } })
    expect(empty.body).toMatchObject({ detail: [{ loc: ['body', 'users'], type: 'too_short' }] })
    const noEmail = await call(simulator, 'portalAdmin', 'POST', path, { body: { users: [{ first_name: 'A' }, 'b'] } })
    expect(noEmail.body).toMatchObject({
      detail: [
        { loc: ['body', 'users', 0, 'email'], type: 'missing' },
        { loc: ['body', 'users', 1], type: 'model_type' },
      ],
    })
    const unknown = await call(simulator, 'portalAdmin', 'POST', '/v1/portal/nope/users', {
      body: { users: [{ email: 'a@example.com' }] },
    })
    expect(unknown).toMatchObject({ status: 404, body: NOT_FOUND })
    expect(simulator.state.portalUsers(portalId)).toEqual([])
  })

  it('answers 401 for a missing or wrong admin key', async () => {
    const simulator = createVendorSimulator()
    const none = await call(simulator, 'portalAdmin', 'POST', '/v1/portal', { body: { name: 'A' }, auth: false })
    expect(none).toMatchObject({ status: 401, body: { detail: expect.any(String) } })
    expect(none.headers.get('www-authenticate')).toBe('Bearer')
    const wrong = await call(simulator, 'portalAdmin', 'GET', '/v1/portal/x/users', {
      headers: { authorization: 'Bearer pa_other' },
    })
    expect(wrong.status).toBe(401)
    expect(simulator.state.portals()).toEqual([])
  })
})
