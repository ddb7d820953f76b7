// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { COMPLETE_DEMOGRAPHICS, setupEmbedServer } from '../../../test/support/embed-server.js'

describe('demographics', () => {
  it('reads none, saves them, reads them back, and then the portal opens', async () => {
    const { call } = setupEmbedServer()
    const empty = await call('GET', '/demographics')
    expect(empty.status).toBe(200)
    const before = (await empty.json()) as { demographics: unknown; missing: string[] }
    expect(before.demographics).toBeNull()
    expect(before.missing).toContain('address.zip')
    const saved = await call('PUT', '/demographics', COMPLETE_DEMOGRAPHICS)
    expect(saved.status).toBe(200)
    expect(await saved.json()).toMatchObject({ demographics: { first_name: 'Ada' }, missing: [] })
    expect(await (await call('GET', '/demographics')).json()).toMatchObject({ missing: [] })
    const portal = await call('POST', '/signed-url', { target: { kind: 'junction.user_portal', context: 'launch' } })
    expect(portal.status).toBe(200)
  })

  it('maps Junction validation errors onto dotted field paths', async () => {
    const { call } = setupEmbedServer()
    const response = await call('PUT', '/demographics', {
      ...COMPLETE_DEMOGRAPHICS,
      first_name: ' Ädå',
      address: { ...COMPLETE_DEMOGRAPHICS.address, zip: undefined },
    })
    expect(response.status).toBe(422)
    const body = (await response.json()) as { error: string; fields: { path: string }[] }
    expect(body.error).toBe('validation_error')
    expect(body.fields.map((f) => f.path)).toEqual(expect.arrayContaining(['first_name', 'address.zip']))
  })

  it('passes ?subject= to resolveUser', async () => {
    const subjects: (string | undefined)[] = []
    const { call } = setupEmbedServer({
      resolveUser: async (_request, { subject }) => {
        subjects.push(subject)
        return { clientUserId: `patient-${subject}` }
      },
    })
    await call('GET', '/demographics?subject=42')
    expect(subjects).toEqual(['42'])
  })
})

describe('portal administration', () => {
  const admin = { authorize: async () => true }

  it('refuses everyone when authorize is missing or says no', async () => {
    const missing = setupEmbedServer()
    expect((await missing.call('POST', '/portals', { name: 'Clinic' })).status).toBe(403)
    const no = setupEmbedServer({ authorize: async () => false })
    expect((await no.call('GET', '/portals/p1/users')).status).toBe(403)
    expect(no.simulator.requests).toEqual([])
  })

  it('creates, renames, invites, lists, removes and deletes', async () => {
    const { simulator, call } = setupEmbedServer(admin)
    const created = await call('POST', '/portals', { name: 'North Clinic', custom_domain: 'portal.north.example' })
    expect(created.status).toBe(201)
    const portal = (await created.json()) as { id: string; name: string }
    expect(portal.name).toBe('North Clinic')

    const renamed = await call('PATCH', `/portals/${portal.id}`, { name: 'North Clinic 2' })
    expect(await renamed.json()).toMatchObject({ name: 'North Clinic 2' })

    simulator.seedGlobalAccount('known@example.com')
    const invited = await call('POST', `/portals/${portal.id}/users`, {
      users: [{ email: 'new@example.com' }, { email: 'known@example.com' }],
    })
    expect(invited.status).toBe(201)
    const results = ((await invited.json()) as { results: { email: string; status: string }[] }).results
    expect(results.map((r) => [r.email, r.status])).toEqual([
      ['new@example.com', 'invited'],
      ['known@example.com', 'linked'],
    ])

    const listed = (await (await call('GET', `/portals/${portal.id}/users`)).json()) as { id: string; email: string }[]
    expect(listed.map((u) => u.email)).toEqual(['new@example.com', 'known@example.com'])

    const removed = await call('DELETE', `/portals/${portal.id}/users/${listed[0]?.id}`)
    expect(removed.status).toBe(200)
    expect(simulator.state.portalUsers(portal.id).map((u) => u.email)).toEqual(['known@example.com'])

    expect((await call('DELETE', `/portals/${portal.id}`)).status).toBe(422)
    expect(simulator.state.portal(portal.id)).toBeDefined()
    expect((await call('DELETE', `/portals/${portal.id}?confirm=${portal.id}`)).status).toBe(200)
    expect(simulator.state.portal(portal.id)).toBeUndefined()
  })

  it('validates names, domains and addresses before calling the vendor, and passes its 404 on', async () => {
    const { simulator, call } = setupEmbedServer(admin)
    const bad = await call('POST', '/portals', { name: '', custom_domain: 'not a domain' })
    expect(await bad.json()).toMatchObject({ fields: [{ path: 'name' }, { path: 'custom_domain' }] })
    const badInvite = await call('POST', '/portals/p1/users', { users: [{ email: 'nope' }] })
    expect(await badInvite.json()).toMatchObject({ fields: [{ path: 'users.0.email' }] })
    expect(simulator.requests).toEqual([])
    const unknown = await call('GET', '/portals/unknown-portal/users')
    expect(unknown.status).toBe(404)
  })

  it('passes the vendor 422 on as field errors (a custom domain already taken)', async () => {
    const { call } = setupEmbedServer(admin)
    await call('POST', '/portals', { name: 'One', custom_domain: 'portal.shared.example' })
    const second = await call('POST', '/portals', { name: 'Two', custom_domain: 'portal.shared.example' })
    expect(second.status).toBe(422)
    expect(await second.json()).toMatchObject({ error: 'validation_error', fields: [{ path: 'custom_domain' }] })
  })
})
