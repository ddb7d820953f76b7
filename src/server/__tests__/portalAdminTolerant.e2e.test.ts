// @vitest-environment node
import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { setupEmbedServer } from '../../../test/support/embed-server.js'
import { server } from '../../../test/support/msw-server.js'

const admin = { authorize: async () => true }
const PII = /example\.test|Ada|Lovelace|vendor-user/

describe('portal administration: vendor answers read item by item', () => {
  it('answers 201 for a bulk invite whose results it cannot all read: those addresses are unconfirmed', async () => {
    const { simulator, call, logs } = setupEmbedServer(admin)
    const portalId = simulator.seedPortal({ name: 'North' })
    server.use(
      http.post(`${simulator.baseUrls.portalAdmin}/v1/portal/:portalId/users`, () =>
        HttpResponse.json(
          {
            results: [
              { email: 'ada@example.test', status: 'invited', user_id: 'vendor-user-1', error: null },
              { email: 'bob@example.test', status: 'pending_review', user_id: 'vendor-user-2' },
              { status: 'linked', user_id: 'vendor-user-3' },
            ],
          },
          { status: 201 },
        ),
      ),
    )
    const users = [
      { email: 'ada@example.test', first_name: 'Ada', last_name: 'Lovelace' },
      { email: 'bob@example.test' },
      { email: 'cy@example.test' },
    ]
    const response = await call('POST', `/portals/${portalId}/users`, { users })
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({
      results: [
        { email: 'ada@example.test', status: 'invited', user_id: 'vendor-user-1', error: null },
        { email: 'bob@example.test', status: 'unconfirmed', user_id: null, error: null },
        { email: 'cy@example.test', status: 'unconfirmed', user_id: null, error: null },
      ],
    })
    expect(logs).toHaveLength(1)
    expect(logs[0]).toContain('"items":"1: status, 2: email"')
    expect(logs[0]).toContain('"unconfirmed":2')
    expect(logs[0]).not.toMatch(PII)
  })

  it('answers 201 with every address unconfirmed when the vendor 201 is not JSON', async () => {
    const { simulator, call, logs } = setupEmbedServer(admin)
    const portalId = simulator.seedPortal({ name: 'North' })
    server.use(
      http.post(`${simulator.baseUrls.portalAdmin}/v1/portal/:portalId/users`, () =>
        HttpResponse.text('Created', { status: 201 }),
      ),
    )
    const response = await call('POST', `/portals/${portalId}/users`, { users: [{ email: 'ada@example.test' }] })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ results: [{ email: 'ada@example.test', status: 'unconfirmed' }] })
    expect(logs.join('\n')).not.toMatch(PII)
  })

  it('answers 201 with every address unconfirmed when the 201 holds no results list', async () => {
    const { simulator, call, logs } = setupEmbedServer(admin)
    const portalId = simulator.seedPortal({ name: 'North' })
    server.use(
      http.post(`${simulator.baseUrls.portalAdmin}/v1/portal/:portalId/users`, () =>
        HttpResponse.json({ ok: true }, { status: 201 }),
      ),
    )
    const response = await call('POST', `/portals/${portalId}/users`, { users: [{ email: 'ada@example.test' }] })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ results: [{ email: 'ada@example.test', status: 'unconfirmed' }] })
    expect(logs.join('\n')).toContain('"listed":false')
  })

  it('lists the users it can read and logs the others by index and field only', async () => {
    const { simulator, call, logs } = setupEmbedServer(admin)
    const portalId = simulator.seedPortal({ name: 'North' })
    server.use(
      http.get(`${simulator.baseUrls.portalAdmin}/v1/portal/:portalId/users`, () =>
        HttpResponse.json([
          { id: 'vendor-user-1', email: 'ada@example.test', first_name: 'Ada', status: 'active' },
          { id: 'vendor-user-2', email: { address: 'bob@example.test' } },
          'Lovelace',
        ]),
      ),
    )
    const response = await call('GET', `/portals/${portalId}/users`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject([{ id: 'vendor-user-1', status: 'active' }])
    expect(logs).toHaveLength(1)
    expect(logs[0]).toContain('"items":"1: email, 2: item"')
    expect(logs[0]).not.toMatch(PII)
  })
})
