import { describe, expect, it } from 'vitest'
import { server } from '../../test/support/msw-server.js'
import { ADA, ALAN, GRACE, PORTAL_ID } from '../../test/support/portal-users.js'
import {
  type PortalAdminFailure,
  type PortalAdminHandlers,
  type PortalAdminHandlersOptions,
  portalAdminHandlers,
} from './index.js'

function mount(options: PortalAdminHandlersOptions = {}): PortalAdminHandlers {
  const admin = portalAdminHandlers({
    portals: { [PORTAL_ID]: { name: 'North', users: [ADA, GRACE, ALAN] } },
    ...options,
  })
  server.use(...admin.handlers)
  return admin
}

const usersPath = `/api/portals/portals/${PORTAL_ID}/users`
const invite = (emails: string[]) =>
  fetch(usersPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ users: emails.map((email) => ({ email })) }),
  })

describe('portalAdminHandlers: the real server over the simulator', () => {
  it('lists the seeded users as given, ids and dates included', async () => {
    const admin = mount()
    const response = await fetch(usersPath)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual([ADA, GRACE, ALAN])
    expect(admin.simulator.requests.map((r) => `${r.api} ${r.method} ${r.path}`)).toEqual([
      `portalAdmin GET /v1/portal/${PORTAL_ID}/users`,
    ])
  })

  it('invites: invited, linked for an existing account, failed for a refused address or a member', async () => {
    const admin = mount({
      existingAccounts: ['Known@Example.test'],
      refusedAddresses: { 'blocked@example.test': 'This domain does not accept invitations.' },
    })
    const response = await invite(['new@example.test', 'known@example.test', 'blocked@example.test', ADA.email])
    expect(response.status).toBe(201)
    const { results } = (await response.json()) as { results: { status: string; error: string | null }[] }
    expect(results.map((r) => r.status)).toEqual(['invited', 'linked', 'failed', 'failed'])
    expect(results[2]?.error).toBe('This domain does not accept invitations.')
    expect(admin.users(PORTAL_ID)?.map((u) => [u.email, u.status])).toEqual([
      [ADA.email, 'active'],
      [GRACE.email, 'invited'],
      [ALAN.email, 'invited'],
      ['new@example.test', 'invited'],
      ['known@example.test', 'active'],
    ])
  })

  it("refuses what the real server refuses, with the server's own fields", async () => {
    const admin = mount()
    const response = await invite(['not-an-address'])
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({ error: 'validation_error', fields: [{ path: 'users.0.email' }] })
    const unconfirmed = await fetch(`/api/portals/portals/${PORTAL_ID}`, { method: 'DELETE' })
    expect(unconfirmed.status).toBe(422)
    expect(admin.simulator.requests).toEqual([])
    expect(admin.users('portal-elsewhere')).toBeUndefined()
  })

  it.each<[PortalAdminFailure, number, string, boolean]>([
    ['forbidden', 403, 'forbidden', false],
    ['not_found', 404, 'not_found', true],
    ['validation_error', 422, 'validation_error', true],
    ['server_error', 502, 'upstream_unavailable', true],
  ])("fail('list', '%s') answers %i %s once", async (failure, status, code, vendorCalled) => {
    const admin = mount()
    admin.fail('list', failure, { fields: [{ path: 'users', message: 'is invalid' }] })
    const failed = await fetch(usersPath)
    expect(failed.status).toBe(status)
    const body = (await failed.json()) as { error: string; fields?: unknown }
    expect(body.error).toBe(code)
    if (failure === 'validation_error') expect(body.fields).toEqual([{ path: 'users', message: 'is invalid' }])
    expect(admin.simulator.requests.length > 0).toBe(vendorCalled)
    expect((await fetch(usersPath)).status).toBe(200)
  })

  it('plays a dropped connection and a broken answer without the server, and fails only the named operation', async () => {
    const admin = mount()
    admin.fail('invite', 'network_error')
    admin.fail('list', 'malformed', { times: 2 })
    await expect(invite(['new@example.test'])).rejects.toThrow()
    expect(await (await fetch(usersPath)).json()).toEqual({ unexpected: true })
    expect(await (await fetch(usersPath)).json()).toEqual({ unexpected: true })
    expect(admin.simulator.requests).toEqual([])
    expect((await invite(['new@example.test'])).status).toBe(201)
  })

  it('reset() brings the seeded portals back and forgets requests and pending failures', async () => {
    const admin = mount()
    await invite(['new@example.test'])
    admin.fail('list', 'server_error')
    admin.reset()
    expect(admin.requests).toEqual([])
    expect(admin.users(PORTAL_ID)).toEqual([ADA, GRACE, ALAN])
    expect((await fetch(usersPath)).status).toBe(200)
  })
})
