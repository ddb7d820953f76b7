// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ORIGIN, setupEmbedServer } from '../../../test/support/embed-server.js'
import { createPortalAdminClient } from '../clients/portalAdmin.js'
import { MAX_VENDOR_BODY_BYTES, VendorError } from '../clients/vendorFetch.js'

const admin = { authorize: async () => true }

async function newPortal(call: ReturnType<typeof setupEmbedServer>['call'], body: Record<string, unknown> = {}) {
  const created = await call('POST', '/portals', { name: 'North Clinic', ...body })
  expect(created.status).toBe(201)
  return ((await created.json()) as { id: string; custom_domain: string | null }).id
}

afterEach(() => {
  vi.useRealTimers()
})

describe('portal administration on the server: bodies', () => {
  it('invites 500 people with long addresses in one request (a body well over 16 KB)', async () => {
    const { call } = setupEmbedServer(admin)
    const id = await newPortal(call)
    const users = Array.from({ length: 500 }, (_, i) => ({
      email: `firstname.lastname.${i}@a-rather-long-company-name.example.com`,
      first_name: 'Firstname',
      last_name: 'Lastname',
    }))
    expect(JSON.stringify({ users }).length).toBeGreaterThan(40_000)
    const invited = await call('POST', `/portals/${id}/users`, { users })
    expect(invited.status).toBe(201)
    const { results } = (await invited.json()) as { results: { status: string }[] }
    expect(results).toHaveLength(500)
    expect(results.every((result) => result.status === 'invited')).toBe(true)
  })

  it('refuses 501 people, and a body over 1 MB, before calling the vendor', async () => {
    const { call, simulator } = setupEmbedServer(admin)
    const users = Array.from({ length: 501 }, (_, i) => ({ email: `p${i}@example.com` }))
    const many = await call('POST', '/portals/p1/users', { users })
    expect(many.status).toBe(422)
    expect(await many.json()).toMatchObject({ fields: [{ path: 'users', message: 'must list 1 to 500 people' }] })
    const huge = await call('POST', '/portals/p1/users', {
      users: [{ email: 'a@example.com', first_name: 'x'.repeat(1_100_000) }],
    })
    expect(huge.status).toBe(413)
    expect(simulator.requests).toEqual([])
  })

  it('checks each person: unknown keys, names that are not text or too long, by path; names are trimmed', async () => {
    const { call, simulator } = setupEmbedServer(admin)
    const id = await newPortal(call)
    const refused = await call('POST', `/portals/${id}/users`, {
      users: [
        { email: 'ann@example.com', firstName: 'Ann', first_name: 42 },
        'bob@example.com',
        { email: 'cy@example.com', last_name: 'x'.repeat(201) },
        { email: 'ok@example.com' },
      ],
    })
    expect(refused.status).toBe(422)
    expect(((await refused.json()) as { fields: { path: string }[] }).fields.map((field) => field.path)).toEqual([
      'users.0.firstName',
      'users.0.first_name',
      'users.1',
      'users.2.last_name',
    ])
    const before = simulator.requests.length
    const accepted = await call('POST', `/portals/${id}/users`, {
      users: [{ email: ' ann@example.com ', first_name: '  Ann ', last_name: '' }],
    })
    expect(accepted.status).toBe(201)
    expect(simulator.requests).toHaveLength(before + 1)
    expect(simulator.state.portalUsers(id)).toMatchObject([
      { email: 'ann@example.com', first_name: 'Ann', last_name: null },
    ])
  })

  it('refuses a body that is not UTF-8 instead of storing replacement characters', async () => {
    const { embed, simulator } = setupEmbedServer(admin)
    const bytes = new Uint8Array([...new TextEncoder().encode('{"name":"Caf'), 0xe9, ...new TextEncoder().encode('"}')])
    const response = await embed(
      new Request(`${ORIGIN}/api/portals/portals`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: bytes,
      }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: 'validation_error', message: 'The body is not valid UTF-8.' })
    expect(simulator.requests).toEqual([])
  })

  it('sends an international custom domain in punycode, and refuses a URL, a port or a trailing dot', async () => {
    const { call, simulator } = setupEmbedServer(admin)
    const id = await newPortal(call, { custom_domain: 'Portal.Bücher.de' })
    expect(simulator.state.portal(id)?.custom_domain).toBe('portal.xn--bcher-kva.de')
    for (const custom_domain of ['https://portal.example.com', 'portal.example.com:8443', 'portal.example.com.']) {
      const response = await call('PATCH', `/portals/${id}`, { custom_domain })
      expect(response.status).toBe(422)
      expect(await response.json()).toMatchObject({ fields: [{ path: 'custom_domain' }] })
    }
  })
})

describe('portal administration on the server: deletion', () => {
  it('waits 60 s for the vendor to drop a portal, then says the deletion may still happen', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { call, simulator } = setupEmbedServer(admin)
    const id = await newPortal(call)
    simulator.fail({ api: 'portalAdmin', kind: 'timeout' })
    let settled: Response | undefined
    const pending = call('DELETE', `/portals/${id}?confirm=${id}`).then((response) => {
      settled = response
      return response
    })
    await vi.advanceTimersByTimeAsync(59_999)
    expect(settled).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    const response = await pending
    expect(response.status).toBe(504)
    expect(await response.json()).toMatchObject({
      error: 'timeout',
      message:
        'The portal service did not confirm the deletion in time; it may still happen. Reload before trying again.',
    })
  })
})

describe('the portal-administration client', () => {
  const base = { apiKey: 'admin-key', baseUrl: 'https://portal-admin.example.com' }

  it('refuses ids that would leave their path segment, and sends nothing', async () => {
    const fetch = vi.fn(async () => new Response('{}'))
    const client = createPortalAdminClient({ ...base, fetch })
    for (const [portalId, userId] of [
      ['..', 'u1'],
      ['p1', '..'],
      ['.', 'u1'],
      ['', 'u1'],
      ['p1', ''],
    ] as const) {
      await expect(client.removeUser(portalId, userId)).rejects.toBeInstanceOf(RangeError)
    }
    await expect(client.deletePortal('..')).rejects.toBeInstanceOf(RangeError)
    expect(fetch).not.toHaveBeenCalled()
    await client.removeUser('p1', '%2e%2e')
    expect(fetch).toHaveBeenCalledWith(
      'https://portal-admin.example.com/v1/portal/p1/users/%252e%252e',
      expect.anything(),
    )
  })

  it('takes any 2xx body as done for a deletion or a removal', async () => {
    const fetch = vi.fn(async () => new Response('OK', { status: 200, headers: { 'content-type': 'text/plain' } }))
    const client = createPortalAdminClient({ ...base, fetch })
    await expect(client.deletePortal('p1')).resolves.toBeUndefined()
    await expect(client.removeUser('p1', 'u1')).resolves.toBeUndefined()
  })

  it('does not read a vendor answer bigger than 32 MB', async () => {
    const declared = async () =>
      new Response('[]', { headers: { 'content-length': String(MAX_VENDOR_BODY_BYTES + 1) } })
    const chunk = new Uint8Array(1024 * 1024).fill(0x20)
    let sent = 0
    const streamed = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            sent += chunk.byteLength
            controller.enqueue(chunk)
          },
        }),
      )
    for (const fetch of [declared, streamed]) {
      const error = await createPortalAdminClient({ ...base, fetch })
        .listUsers('p1')
        .catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(VendorError)
      expect(error).toMatchObject({ failure: 'invalid_response', operation: 'list portal users' })
    }
    expect(sent).toBeLessThanOrEqual(MAX_VENDOR_BODY_BYTES + 2 * chunk.byteLength)
  })
})
