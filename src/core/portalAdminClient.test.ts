import { HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { server } from '../../test/support/msw-server.js'
import { ADA, PORTAL_ID } from '../../test/support/portal-admin.js'
import { portalAdminHandlers } from '../testing/portalAdminHandlers.js'
import type { EmbedError } from './errors.js'
import {
  deletePortalById,
  deletePortalUser,
  fetchPortalUsers,
  patchPortal,
  postPortal,
  postPortalUserInvites,
} from './portalAdminClient.js'

const config = { endpoint: '/api/portals' }

function setup() {
  const admin = portalAdminHandlers({ portals: { [PORTAL_ID]: { name: 'North', users: [ADA] } } })
  server.use(...admin.handlers)
  return admin
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: EmbedError) => error,
  )

describe('portal-admin client', () => {
  it('lists, invites, removes, creates, renames and deletes through the host endpoint', async () => {
    const admin = setup()
    expect(await fetchPortalUsers(config, PORTAL_ID)).toEqual([ADA])
    const invited = await postPortalUserInvites(config, PORTAL_ID, [{ email: 'new@example.test' }])
    expect(invited.results).toEqual([
      { email: 'new@example.test', status: 'invited', user_id: expect.any(String), error: null },
    ])
    expect(admin.users(PORTAL_ID)?.map((user) => user.id)).toEqual([ADA.id, invited.results[0]?.user_id])
    await deletePortalUser(config, PORTAL_ID, ADA.id)
    const portal = await postPortal(config, { name: 'South' })
    expect(portal).toMatchObject({ name: 'South', custom_domain: null })
    expect(admin.simulator.state.portal(portal.id)).toMatchObject({ name: 'South' })
    expect(await patchPortal(config, portal.id, { custom_domain: 'south.example.test' })).toMatchObject({
      custom_domain: 'south.example.test',
    })
    await deletePortalById(config, portal.id, portal.id)
    expect(admin.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /portals/${PORTAL_ID}/users`,
      `POST /portals/${PORTAL_ID}/users`,
      `DELETE /portals/${PORTAL_ID}/users/${ADA.id}`,
      'POST /portals',
      `PATCH /portals/${portal.id}`,
      `DELETE /portals/${portal.id}?confirm=${portal.id}`,
    ])
    expect(admin.requests[1]?.body).toEqual({ users: [{ email: 'new@example.test' }] })
  })

  it('encodes ids as one path segment', async () => {
    const paths: string[] = []
    server.use(
      http.get('/api/portals/portals/:portalId/users', ({ request }) => {
        paths.push(new URL(request.url).pathname)
        return HttpResponse.json([])
      }),
    )
    await fetchPortalUsers(config, 'a/../b?c')
    expect(paths).toEqual(['/api/portals/portals/a%2F..%2Fb%3Fc/users'])
  })

  it('refuses an empty id, and a deletion whose confirmation differs, before any request', async () => {
    const admin = setup()
    const empty = await rejection(fetchPortalUsers(config, ' '))
    expect(empty).toMatchObject({ code: 'validation_error', fields: [{ path: 'portalId' }] })
    const user = await rejection(deletePortalUser(config, PORTAL_ID, ''))
    expect(user).toMatchObject({ code: 'validation_error', fields: [{ path: 'userId' }] })
    const unconfirmed = await rejection(deletePortalById(config, PORTAL_ID, 'portal-nort'))
    expect(unconfirmed).toMatchObject({ code: 'validation_error', fields: [{ path: 'confirm' }] })
    expect(admin.requests).toEqual([])
  })

  it('answers a body of the wrong shape with invalid_response, naming the operation, never the data', async () => {
    server.use(
      http.get('/api/portals/portals/:portalId/users', () => HttpResponse.json({ users: [{ id: 'u1' }] })),
      http.post('/api/portals/portals', () => HttpResponse.json({ name: 'no id' }, { status: 201 })),
    )
    const list = await rejection(fetchPortalUsers(config, PORTAL_ID))
    expect(list).toMatchObject({ code: 'invalid_response', status: 200 })
    expect(list?.detail).toContain('list portal users')
    expect(list?.message).toBe('The server answered with something unexpected.')
    expect(await rejection(postPortal(config, { name: 'A' }))).toMatchObject({ code: 'invalid_response' })
  })

  it('skips list items it cannot read, with a development warning naming index and field, never the data', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    server.use(
      http.get('/api/portals/portals/:portalId/users', () =>
        HttpResponse.json([
          { id: 'u1', email: 'ada@example.test' },
          { id: 'u2', email: null, first_name: 'Bob' },
        ]),
      ),
    )
    expect(await fetchPortalUsers(config, PORTAL_ID)).toMatchObject([{ id: 'u1', email: 'ada@example.test' }])
    const text = warn.mock.calls.map((args) => args.join(' ')).join('\n')
    expect(text).toContain('list portal users')
    expect(text).toContain('1: email')
    expect(text).not.toMatch(/ada@|u2|Bob/)
  })

  it('never reports a successful bulk invite as failed: an unreadable result is unconfirmed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    server.use(
      http.post('/api/portals/portals/:portalId/users', () =>
        HttpResponse.json(
          { results: [{ email: 'x@y.test', status: 'queued', user_id: 'secret-id' }, { email: 'z@y.test' }] },
          { status: 201 },
        ),
      ),
    )
    const invited = await postPortalUserInvites(config, PORTAL_ID, [{ email: 'x@y.test' }, { email: 'w@y.test' }])
    expect(invited.results).toEqual([
      { email: 'x@y.test', status: 'unconfirmed', user_id: null, error: null },
      { email: 'w@y.test', status: 'unconfirmed', user_id: null, error: null },
    ])
    const text = warn.mock.calls.map((args) => args.join(' ')).join('\n')
    expect(text).toContain('0: status, 1: status')
    expect(text).toContain('2 address(es) reported "unconfirmed"')
    expect(text).not.toMatch(/@y\.test|secret-id/)
  })

  it('takes a success whose body is not JSON as sent but unconfirmed, never as a failure', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    server.use(http.post('/api/portals/portals/:portalId/users', () => new HttpResponse('Created', { status: 201 })))
    const invited = await postPortalUserInvites(config, PORTAL_ID, [{ email: 'x@y.test' }])
    expect(invited.results).toEqual([{ email: 'x@y.test', status: 'unconfirmed', user_id: null, error: null }])
    server.use(
      http.post('/api/portals/portals/:portalId/users', () => new HttpResponse('Bad gateway', { status: 502 })),
    )
    await expect(postPortalUserInvites(config, PORTAL_ID, [{ email: 'x@y.test' }])).rejects.toMatchObject({
      code: 'upstream_unavailable',
    })
  })

  it('reads extra fields tolerantly and maps refusals to typed errors', async () => {
    const admin = setup()
    server.use(
      http.get('/api/portals/portals/tolerant/users', () =>
        HttpResponse.json([
          { id: 'u1', email: 'a@example.test', status: 'weird', extra: { nested: true } },
          { id: 'u2', email: 'b@example.test', status: 'suspended', joined_at: '2026-11-02T10:00:00Z' },
        ]),
      ),
    )
    // A status not known yet is read from the dates: joined means active.
    expect(await fetchPortalUsers(config, 'tolerant')).toEqual([
      {
        id: 'u1',
        email: 'a@example.test',
        first_name: null,
        last_name: null,
        status: 'invited',
        invited_at: null,
        joined_at: null,
      },
      {
        id: 'u2',
        email: 'b@example.test',
        first_name: null,
        last_name: null,
        status: 'active',
        invited_at: null,
        joined_at: '2026-11-02T10:00:00Z',
      },
    ])
    expect(await rejection(fetchPortalUsers(config, 'unknown'))).toMatchObject({ code: 'not_found', status: 404 })
    admin.fail('list', 'forbidden')
    expect(await rejection(fetchPortalUsers(config, PORTAL_ID))).toMatchObject({ code: 'forbidden', status: 403 })
    const invalid = await rejection(postPortal(config, { name: ' ', custom_domain: 'not a domain' }))
    expect(invalid).toMatchObject({
      code: 'validation_error',
      fields: [
        { path: 'name', message: 'must be a name of 1 to 200 characters' },
        {
          path: 'custom_domain',
          message: 'must be a host name such as portal.example.com, without a scheme, port or path',
        },
      ],
    })
  })
})
