// @vitest-environment node

import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { COMPLETE_DEMOGRAPHICS, setupEmbedServer } from '../../../test/support/embed-server.js'
import { server } from '../../../test/support/msw-server.js'
import { errorFromResponse } from '../../core/guards.js'
import { shouldRetry } from '../../core/retry.js'

const launch = { target: { kind: 'junction.user_portal', context: 'launch' } }

describe('signed-url: Junction User Portal', () => {
  it('creates the Junction user on first use, remembers it, and signs a portal URL', async () => {
    const { simulator, call } = setupEmbedServer()
    const first = await call('POST', '/signed-url', launch)
    expect(first.status).toBe(422)
    const created = simulator.state.junctionUserByClientId('host-user-1')
    expect(created).toBeDefined()
    simulator.setDemographics(created?.user_id ?? '', COMPLETE_DEMOGRAPHICS)
    const second = await call('POST', '/signed-url', launch)
    expect(second.status).toBe(200)
    const body = (await second.json()) as { url: string; expires_in: number }
    expect(body.expires_in).toBe(300)
    expect(body.url).toBe(simulator.state.issuedTokens()[0]?.url)
    expect(simulator.requests.filter((r) => r.method === 'POST' && r.path === '/v2/user')).toHaveLength(1)
  })

  it('recovers the existing user_id from the 400 conflict when the user exists at Junction already', async () => {
    const { simulator, call } = setupEmbedServer()
    const existing = await simulator.seedJunctionUser({
      clientUserId: 'host-user-1',
      demographics: COMPLETE_DEMOGRAPHICS,
    })
    const response = await call('POST', '/signed-url', launch)
    expect(response.status).toBe(200)
    expect(simulator.state.issuedTokens()[0]).toMatchObject({ kind: 'junction.portal', user_id: existing })
  })

  it('uses a junctionUserId the host already knows, without creating anyone', async () => {
    let known = ''
    const { simulator, call } = setupEmbedServer({ resolveUser: async () => ({ junctionUserId: known }) })
    known = await simulator.seedJunctionUser({ demographics: COMPLETE_DEMOGRAPHICS })
    expect((await call('POST', '/signed-url', launch)).status).toBe(200)
    expect(simulator.requests.some((r) => r.path === '/v2/user')).toBe(false)
    expect(simulator.state.issuedTokens()[0]).toMatchObject({ user_id: known })
  })

  it('answers 422 demographics_required with exactly the missing fields', async () => {
    const { simulator, call } = setupEmbedServer()
    await simulator.seedJunctionUser({
      clientUserId: 'host-user-1',
      demographics: {
        ...COMPLETE_DEMOGRAPHICS,
        dob: undefined,
        address: { ...COMPLETE_DEMOGRAPHICS.address, zip: '' },
      },
    })
    const response = await call('POST', '/signed-url', launch)
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({
      error: 'demographics_required',
      message: expect.any(String),
      missing: ['dob', 'address.zip'],
    })
  })

  it('lists every required field when the user has no demographics at all', async () => {
    const { call } = setupEmbedServer()
    const body = (await (await call('POST', '/signed-url', launch)).json()) as { missing: string[] }
    expect(body.missing).toHaveLength(11)
  })

  it('signs long-lived communications links and deep-links an order, when authorize allows it', async () => {
    const { simulator, call } = setupEmbedServer({ authorize: async () => true })
    await simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: COMPLETE_DEMOGRAPHICS })
    const orderId = '0f8fad5b-d9cb-469f-a165-70867728950e'
    const response = await call('POST', '/signed-url', {
      target: { kind: 'junction.user_portal', context: 'communications', order_id: orderId },
    })
    expect(await response.json()).toMatchObject({ expires_in: 1_209_600 })
    expect(simulator.state.issuedTokens()[0]).toMatchObject({ context: 'communications', order_id: orderId })
  })

  it('hands the subject to resolveUser, and answers 401 when it returns null', async () => {
    const subjects: (string | undefined)[] = []
    const { call } = setupEmbedServer({
      resolveUser: async (_request, { subject }) => {
        subjects.push(subject)
        return null
      },
    })
    const response = await call('POST', '/signed-url', { target: { ...launch.target, subject: 'patient-42' } })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: 'unauthorized' })
    expect(subjects).toEqual(['patient-42'])
  })
})

describe('signed-url: vendor failures', () => {
  async function ready() {
    const setup = setupEmbedServer()
    await setup.simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: COMPLETE_DEMOGRAPHICS })
    await setup.call('POST', '/signed-url', launch)
    return setup
  }

  it('turns a refused key into a 502 the browser does not retry, that names no key, logged without the key', async () => {
    const { call, logs } = setupEmbedServer({ junction: { apiKey: 'sk_wrong_SECRET' } })
    const response = await call('POST', '/signed-url', launch)
    expect(response.status).toBe(502)
    // Past the client's 60 s cap: shouldRetry gives up at once.
    expect(response.headers.get('retry-after')).toBe('3600')
    const error = errorFromResponse(502, await response.clone().json(), response.headers, { receivedAt: 0, date: null })
    expect(shouldRetry(0, error)).toBe(false)
    const text = await response.text()
    expect(text).toContain('upstream_unavailable')
    expect(text).not.toContain('SECRET')
    expect(logs.join('\n')).toContain('refused the server credentials')
    expect(logs.join('\n')).toContain('"vendor":"junction","operation":"create user"')
    expect(logs.join('\n')).not.toContain('SECRET')
  })

  it('passes a 429 on with its Retry-After, and with 5 s when the vendor sent none', async () => {
    const { simulator, call } = await ready()
    simulator.fail({ api: 'junction', kind: 'rate_limit', retryAfterSeconds: 7 })
    const limited = await call('POST', '/signed-url', launch)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' })
    simulator.fail({ api: 'junction', kind: 'rate_limit' })
    const bare = await call('POST', '/signed-url', launch)
    expect(bare.status).toBe(429)
    expect(bare.headers.get('retry-after')).toBe('5')
  })

  it('passes a 503 on with its Retry-After, and turns a 500 into a 502', async () => {
    const { simulator, call } = await ready()
    simulator.fail({ api: 'junction', kind: 'unavailable', retryAfterSeconds: 3 })
    const unavailable = await call('POST', '/signed-url', launch)
    expect(unavailable.status).toBe(503)
    expect(unavailable.headers.get('retry-after')).toBe('3')
    simulator.fail({ api: 'junction', kind: 'server_error' })
    expect((await call('POST', '/signed-url', launch)).status).toBe(502)
  })

  it('answers 504 timeout when the vendor does not answer in time', async () => {
    const { simulator, call } = setupEmbedServer({ timeoutMs: 50 })
    await simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: COMPLETE_DEMOGRAPHICS })
    await call('POST', '/signed-url', launch)
    simulator.fail({ api: 'junction', kind: 'timeout' })
    const response = await call('POST', '/signed-url', launch)
    expect(response.status).toBe(504)
    expect(await response.json()).toMatchObject({ error: 'timeout' })
  })

  it('puts the signed URL in the success body only: never in a log line', async () => {
    const { simulator, call, logs } = await ready()
    simulator.fail({ api: 'junction', kind: 'server_error' })
    await call('POST', '/signed-url', launch)
    for (const token of simulator.state.issuedTokens()) expect(logs.join('\n')).not.toContain(token.url)
    expect(logs.join('\n')).not.toContain(simulator.keys.junction)
  })
})

describe('signed-url: a vendor refusing a field', () => {
  const refusal = (loc: string[]) =>
    HttpResponse.json({ detail: [{ loc, msg: 'is not valid', type: 'value_error' }] }, { status: 422 })

  it('names a field the browser sent under target., as the target validation does', async () => {
    const { simulator, call } = setupEmbedServer()
    await simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: COMPLETE_DEMOGRAPHICS })
    server.use(http.post('*/v2/user/:id/create_portal_url', () => refusal(['body', 'order_id'])))
    const response = await call('POST', '/signed-url', launch)
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({
      error: 'validation_error',
      message: 'The portal service refused the request.',
      fields: [{ path: 'target.order_id', message: 'is not valid' }],
    })
  })

  it('leaves out a field the server chose itself, which the browser cannot fix', async () => {
    const { simulator, call } = setupEmbedServer()
    await simulator.seedJunctionUser({ clientUserId: 'host-user-1', demographics: COMPLETE_DEMOGRAPHICS })
    server.use(http.post('*/v2/user/:id/create_portal_url', () => refusal(['path', 'user_id'])))
    const response = await call('POST', '/signed-url', launch)
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({
      error: 'validation_error',
      message: 'The portal service refused the request.',
    })
  })
})
