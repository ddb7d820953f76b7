import { Validator } from '@seriousme/openapi-schema-validator'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Target } from '../../src/core/target.js'
import { isRecord } from '../../src/core/untrusted.js'
import { COMPLETE_DEMOGRAPHICS } from '../support/fixtures.js'
import {
  type Answer,
  ajv,
  answerProblems,
  at,
  DOCUMENT_ID,
  documentedAnswers,
  follow,
  jsonOf,
  methodsOf,
  objectAt,
  pointer,
  requestProblems,
  schemaProblems,
  templates,
} from '../support/openapi-document.js'
import {
  BASE,
  BILLING,
  DASHBOARD,
  DASHBOARD_QUERY,
  HOST_USER,
  ORIGIN,
  PORTAL,
  type Rig,
  ROUTES,
  type RouteCase,
  rig,
  stalled,
  USER_PORTAL,
  WITH_BODY,
  WITH_ID,
  WRITES,
  without,
} from '../support/openapi-rig.js'

// openapi.json is the wire protocol that createEmbedHandler serves. This file checks that it is a valid OpenAPI 3.1
// document, and that every answer of createEmbedHandler (over the vendor simulator) has a status the document lists
// for that path and method, the headers it requires and a body its schema accepts, and every status it lists is
// answered at least once. test/docs/openapi-requests.test.ts checks the browser client's requests.

/** Every `METHOD template status` an answer proved; the last test wants all of documentedAnswers(). */
const exercised = new Set<string>()

interface SendOptions {
  json?: unknown
  body?: BodyInit
  headers?: Record<string, string>
  /** Runs on the request before the handler gets it. */
  before?: (request: Request) => Promise<unknown>
}

/** Sends a request to the handler (from the server's own origin) and checks the answer by the document. */
async function send(target: Rig, method: string, path: string, options: SendOptions = {}) {
  const url = `${BASE}${path}`
  const body = options.json === undefined ? (options.body ?? null) : JSON.stringify(options.json)
  const request = new Request(url, {
    method,
    headers: {
      origin: ORIGIN,
      ...(options.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit)
  await options.before?.(request)
  const answer = await check(method, url, await target.embed(request))
  if (answer.status >= 400) {
    // An error never tells a key, a signed URL (the simulator's pages) or a demographic value.
    const { keys, baseUrls } = target.simulator
    const secrets = [...Object.values(keys), new URL(baseUrls.pages).host, ...DEMOGRAPHIC_VALUES]
    expect(secrets.filter((secret) => answer.body.includes(secret))).toEqual([])
  }
  return answer
}

/** The values of the test's demographics that could not appear in a message by chance. */
const DEMOGRAPHIC_VALUES = [
  ...Object.values(COMPLETE_DEMOGRAPHICS).filter((value) => typeof value === 'string'),
  ...Object.values(COMPLETE_DEMOGRAPHICS.address),
].filter((value) => value.length >= 4)

/** Reads an answer, checks it by the document (noting what it proved), and parses its body as JSON if it is. */
async function check(method: string, url: string, response: Response) {
  const answer: Answer = { status: response.status, headers: response.headers, body: await response.text() }
  expect(answerProblems(method, url, answer, exercised)).toEqual([])
  return { ...answer, json: jsonOf(answer.body) }
}

/** Sends `body` to a fresh rig and expects a 422 validation_error naming fields, before any vendor call. */
async function expectValidationError(method: string, path: string, body: unknown) {
  const target = await rig()
  const answer = await send(target, method, path, { json: body })
  expect(answer.status).toBe(422)
  expect(answer.json).toMatchObject({ error: 'validation_error', fields: [expect.anything()] })
  expect(target.simulator.requests).toEqual([])
}

const sendRoute = (target: Rig, route: RouteCase, options: SendOptions = {}) =>
  send(target, route.method, route.path, { json: route.json, ...options })

describe('openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(objectAt('#')))
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(at('#/openapi')).toBe('3.1.0')
  })

  it('has schemas that compile in strict mode and accept their examples, and a WireError for every error', () => {
    for (const name of Object.keys(objectAt('#/components/schemas'))) {
      const ref = pointer('components', 'schemas', name)
      expect(() => ajv.compile({ $ref: `${DOCUMENT_ID}${ref}` }), name).not.toThrow()
      const examples = objectAt(ref).examples
      for (const example of Array.isArray(examples) ? examples : []) {
        expect(schemaProblems(ref, example, `an example of ${name}`)).toEqual([])
      }
    }
    for (const template of templates) {
      for (const method of methodsOf(template)) {
        const responses = objectAt(pointer('paths', template, method, 'responses'))
        for (const status of Object.keys(responses).filter((s) => Number(s) >= 400)) {
          const response = objectAt(follow(pointer('paths', template, method, 'responses', status)))
          const content = isRecord(response.content) ? response.content : {}
          // The continuation's pages are HTML; every other error is the one JSON shape.
          if ('text/html' in content) continue
          expect(Object.keys(content), `${method} ${template} ${status}`).toEqual(['application/json'])
        }
      }
    }
  })

  it('finds what the document does not allow, so that the checks below can fail', () => {
    const headers = new Headers({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    })
    const url = `${BASE}/signed-url`
    const good = { status: 200, headers, body: JSON.stringify({ url: 'https://a.junction.com/p', expires_in: 300 }) }
    expect(answerProblems('POST', url, good)).toEqual([])
    const problems = (answer: Partial<Answer>) => answerProblems('POST', url, { ...good, ...answer })
    expect(problems({ body: JSON.stringify({ url: 'https://a.junction.com/p', expires_in: '300' }) })).toHaveLength(1)
    expect(
      problems({ body: JSON.stringify({ url: 'https://a.junction.com/p', redirectUrl: 'https://b.example' }) }),
    ).not.toEqual([])
    expect(problems({ status: 418 })).toHaveLength(1)
    expect(problems({ headers: new Headers({ 'content-type': 'application/json' }) })).toHaveLength(3)
    const error = (body: unknown, status = 400) => problems({ status, body: JSON.stringify(body) })
    expect(error({ error: 'validation_error', message: 'The body is not valid JSON.' })).toEqual([])
    expect(error({ error: 'network', message: 'A client code.' })).not.toEqual([])
    expect(error({ error: 'forbidden', message: 'The wrong code for its status.' })).not.toEqual([])
    expect(error({ error: 'demographics_required', message: 'No missing list.' }, 422)).not.toEqual([])
    expect(answerProblems('PATCH', url, { ...good, status: 405 })).toContain(
      'PATCH /api/portals/signed-url answered 405: no Allow header',
    )
    expect(answerProblems('GET', `${BASE}/nowhere`, good)).toHaveLength(1)

    const request = (body: unknown, path = '/signed-url', method = 'POST') => ({
      method,
      url: `${BASE}${path}`,
      headers: new Headers({ 'content-type': 'application/json' }),
      body: body === undefined ? '' : JSON.stringify(body),
    })
    expect(requestProblems(request({ target: { kind: 'junction.user_portal', context: 'launch' } }))).toEqual({
      operationId: 'createSignedUrl',
      problems: [],
    })
    expect(requestProblems(request({ target: { kind: 'junction.user_portal' } })).problems).not.toEqual([])
    expect(requestProblems(request(undefined, `/portals/${PORTAL}`, 'DELETE')).problems).toHaveLength(1)
    expect(requestProblems(request(undefined, '/demographics?subject=a&extra=1', 'GET')).problems).toHaveLength(1)
  })
})

describe('createEmbedHandler answers as openapi.json says', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  describe.each(ROUTES)('$name', (route) => {
    it(`answers ${route.success} when all goes well`, async () => {
      const answer = await sendRoute(await rig(), route)
      expect(answer.status).toBe(route.success)
    })

    it('answers 401 when nobody is signed in', async () => {
      expect((await sendRoute(await rig({ resolveUser: async () => null }), route)).status).toBe(401)
    })

    it('answers 403 when authorize refuses', async () => {
      expect((await sendRoute(await rig({ authorize: async () => false }), route)).status).toBe(403)
    })

    it('answers 404 when its vendor is not configured', async () => {
      expect((await sendRoute(await rig(without(route.vendor)), route)).status).toBe(404)
    })

    it('answers 405 with Allow to a method the path does not serve', async () => {
      const answer = await send(await rig(), route.wrongMethod, route.path)
      expect(answer.status).toBe(405)
      expect(answer.headers.get('allow')).toContain(route.method)
    })

    it('answers 422 when the vendor refuses the request', async () => {
      const target = await rig()
      target.simulator.fail({ api: route.api, kind: 'unprocessable', fields: [{ path: 'name', message: 'is wrong' }] })
      expect((await sendRoute(target, route)).status).toBe(422)
    })

    it('answers 429 when the vendor is rate-limited, passing its Retry-After on', async () => {
      const target = await rig()
      target.simulator.fail({ api: route.api, kind: 'rate_limit', retryAfterSeconds: 7 })
      const answer = await sendRoute(target, route)
      expect(answer.status).toBe(429)
      expect(answer.headers.get('retry-after')).toBe('7')
    })

    it('answers 500 when a callback throws', async () => {
      const target = await rig({
        resolveUser: async () => {
          throw new Error('the session store is down')
        },
      })
      const answer = await sendRoute(target, route)
      expect(answer.status).toBe(500)
      if (route.page) expect(answer.body).toContain('The dashboard is unavailable')
      else expect(answer.json).toMatchObject({ error: 'upstream_unavailable' })
    })

    it('answers 502 when the vendor fails', async () => {
      const target = await rig()
      target.simulator.fail({ api: route.api, kind: 'server_error' })
      expect((await sendRoute(target, route)).status).toBe(502)
    })

    it('answers 503 when the vendor is unavailable, passing its Retry-After on', async () => {
      const target = await rig()
      target.simulator.fail({ api: route.api, kind: 'unavailable', retryAfterSeconds: 9 })
      const answer = await sendRoute(target, route)
      expect(answer.status).toBe(503)
      if (!route.page) expect(answer.headers.get('retry-after')).toBe('9')
    })

    it('answers 504 when the vendor does not answer in time', async () => {
      // A deletion waits at least 60 s for the vendor, whatever timeoutMs says: its clock is a fake one.
      const deletion = route.name === 'DELETE /portals/{portalId}'
      if (deletion) vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      const target = await rig({ timeoutMs: 50 })
      target.simulator.fail({ api: route.api, kind: 'timeout' })
      const pending = sendRoute(target, route)
      if (deletion) await vi.advanceTimersByTimeAsync(60_000)
      expect((await pending).status).toBe(504)
    })
  })

  describe.each(WITH_BODY)('$name, its body', (route) => {
    it('answers 400 to a body that is not JSON', async () => {
      const answer = await sendRoute(await rig(), route, {
        json: undefined,
        body: '{"target":',
        headers: { 'content-type': 'application/json' },
      })
      expect(answer.status).toBe(400)
    })

    it('answers 400 to a body that is not UTF-8', async () => {
      const bytes = new Uint8Array([...new TextEncoder().encode('{"name":"Caf'), 0xe9, 0x22, 0x7d])
      const answer = await sendRoute(await rig(), route, {
        json: undefined,
        body: bytes,
        headers: { 'content-type': 'application/json' },
      })
      expect(answer.status).toBe(400)
    })

    it('answers 400 to a body that something read before the handler', async () => {
      const answer = await sendRoute(await rig(), route, { before: (request) => request.text() })
      expect(answer.status).toBe(400)
    })

    it('answers 408 to a body that does not arrive in time', async () => {
      const answer = await sendRoute(await rig({ bodyTimeoutMs: 50 }), route, {
        json: undefined,
        body: stalled(),
        headers: { 'content-type': 'application/json' },
      })
      expect(answer.status).toBe(408)
    })

    it('answers 413 to a body over its limit', async () => {
      const answer = await sendRoute(await rig(), route, { json: { padding: 'x'.repeat(route.limit ?? 0) } })
      expect(answer.status).toBe(413)
    })

    it('answers 415 to a body that is not sent as JSON', async () => {
      const answer = await sendRoute(await rig(), route, {
        json: undefined,
        body: JSON.stringify(route.json),
        headers: { 'content-type': 'text/plain' },
      })
      expect(answer.status).toBe(415)
    })

    it('answers 422 to a body that is not an object', async () => {
      expect((await sendRoute(await rig(), route, { json: [route.json] })).status).toBe(422)
    })
  })

  describe.each(WITH_ID)('$name, its ids', (route) => {
    it('answers 400 to an id that is not valid', async () => {
      const answer = await send(await rig(), route.method, route.badIdPath ?? '', { json: route.json })
      expect(answer.status).toBe(400)
      expect(answer.json).toMatchObject({ error: 'validation_error', message: 'The id in the path is not valid.' })
    })
  })

  describe.each(WRITES)('$name, the same-origin write rule', (route) => {
    it('answers 403 to another Origin, an opaque one, or the same host on another scheme', async () => {
      const target = await rig()
      for (const headers of [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { origin: 'http://ehr.example.com' },
      ]) {
        const answer = await sendRoute(target, route, { headers })
        expect(answer.status, JSON.stringify(headers)).toBe(403)
        expect(String((answer.json as { message?: unknown }).message)).toContain('Cross-site request refused')
      }
      expect(target.simulator.requests).toEqual([])
    })
  })

  describe('the same-origin write rule, without an Origin header', () => {
    it('refuses Sec-Fetch-Site cross-site and same-site, and passes same-origin or none', async () => {
      const target = await rig()
      const write = (headers: Record<string, string>) =>
        target.embed(
          new Request(`${BASE}/portals`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify({ name: 'West Clinic' }),
          }),
        )
      for (const site of ['cross-site', 'same-site']) {
        const answer = await check('POST', `${BASE}/portals`, await write({ 'sec-fetch-site': site }))
        expect(answer.status).toBe(403)
      }
      expect((await check('POST', `${BASE}/portals`, await write({ 'sec-fetch-site': 'same-origin' }))).status).toBe(
        201,
      )
      expect((await check('POST', `${BASE}/portals`, await write({}))).status).toBe(201)
    })

    it('passes an Origin the server allows', async () => {
      const target = await rig({ allowedOrigins: [ORIGIN, 'https://*.example.org'] })
      const answer = await send(target, 'POST', '/portals', {
        json: { name: 'East Clinic' },
        headers: { origin: 'https://admin.example.org' },
      })
      expect(answer.status).toBe(201)
    })
  })

  describe('POST /signed-url', () => {
    const VALID: Target[] = [
      { kind: 'junction.user_portal', context: 'communications' },
      {
        kind: 'junction.user_portal',
        context: 'launch',
        order_id: '0F8FAD5B-D9CB-469F-A165-70867728950E',
        subject: 'patient 42 / ü',
      },
      { kind: 'junction.dashboard', feature: 'order:abc-1', modality: 'feature_embed', environment: 'production' },
      {
        kind: 'junction.dashboard',
        feature: 'team_panels',
        modality: 'link_out',
        environment: 'sandbox',
        member_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
        integration_team_id: 'clinic-1',
      },
      { kind: 'userhub.portal' },
      {
        kind: 'userhub.portal',
        portal_url: 'https://billing.userhub.app/acct/plans',
        success_url: `${ORIGIN}/done?x=1`,
        organization_id: 'org_1',
      },
    ]

    it.each(VALID)('signs a $kind target, which the document accepts too', async (target) => {
      expect(schemaProblems('#/components/schemas/Target', target, 'target')).toEqual([])
      const answer = await send(await rig(), 'POST', '/signed-url', { json: { target } })
      expect(answer.status).toBe(200)
      expect(Object.keys(answer.json as object)).toEqual(
        target.kind === 'userhub.portal' ? ['redirectUrl'] : ['url', 'expires_in'],
      )
    })

    const INVALID: [string, unknown][] = [
      ['no target', {}],
      ['a target that is not an object', { target: 'junction.user_portal' }],
      ['an unknown kind', { target: { kind: 'junction.portal', context: 'launch' } }],
      ['no context', { target: { kind: 'junction.user_portal' } }],
      ['an unknown context', { target: { kind: 'junction.user_portal', context: 'email' } }],
      ['an order_id that is no uuid', { target: { kind: 'junction.user_portal', context: 'launch', order_id: '42' } }],
      ['a subject with a line break', { target: { kind: 'junction.user_portal', context: 'launch', subject: 'a\nb' } }],
      [
        'a subject of 257 characters',
        { target: { kind: 'junction.user_portal', context: 'launch', subject: 's'.repeat(257) } },
      ],
      ['an unknown field', { target: { kind: 'junction.user_portal', context: 'launch', contexts: 'launch' } }],
      ['a member besides target', { target: { kind: 'userhub.portal' }, kind: 'userhub.portal' }],
      [
        'a feature that is no slug',
        {
          target: {
            kind: 'junction.dashboard',
            feature: 'Order Creation',
            modality: 'link_out',
            environment: 'sandbox',
          },
        },
      ],
      ['no environment', { target: { kind: 'junction.dashboard', feature: 'team_config', modality: 'link_out' } }],
      [
        'both member ids',
        {
          target: {
            kind: 'junction.dashboard',
            feature: 'team_config',
            modality: 'link_out',
            environment: 'sandbox',
            member_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
            integration_member_id: 'dr-who',
          },
        },
      ],
      [
        'a portal_url of another host, scheme-relative',
        { target: { kind: 'userhub.portal', portal_url: '//evil.example/x' } },
      ],
      ['a return_url that is a path', { target: { kind: 'userhub.portal', return_url: '/back' } }],
      ['a return_url of another scheme', { target: { kind: 'userhub.portal', return_url: 'javascript:alert(1)' } }],
      [
        'a success_url with credentials',
        { target: { kind: 'userhub.portal', success_url: 'https://u:p@ehr.example.com/' } },
      ],
      [
        'a return_url with an empty user',
        { target: { kind: 'userhub.portal', return_url: 'https://@ehr.example.com/' } },
      ],
    ]

    it.each(INVALID)('answers 422 validation_error to %s, which the document refuses too', async (_, body) => {
      expect(schemaProblems('#/components/schemas/SignedUrlBody', body, 'body')).not.toEqual([])
      await expectValidationError('POST', '/signed-url', body)
    })

    it('answers 422 to a return_url off the allowed origins (a rule of the server, not of the schema)', async () => {
      const json = { target: { kind: 'userhub.portal', return_url: 'https://elsewhere.example/back' } }
      const answer = await send(await rig(), 'POST', '/signed-url', { json })
      expect(answer.status).toBe(422)
      expect(answer.json).toMatchObject({ fields: [{ path: 'target.return_url' }] })
      // Checked once the caller is known and allowed, as docs/wire-protocol.md orders it.
      expect((await send(await rig({ resolveUser: async () => null }), 'POST', '/signed-url', { json })).status).toBe(
        401,
      )
    })

    it('answers 422 demographics_required, with the missing fields, for a patient without demographics', async () => {
      const target = await rig({ resolveUser: async () => ({ clientUserId: 'host-user-2' }) })
      const answer = await send(target, 'POST', '/signed-url', { json: USER_PORTAL.json })
      expect(answer.status).toBe(422)
      expect(answer.json).toMatchObject({ error: 'demographics_required' })
      expect((answer.json as { missing: unknown[] }).missing).toHaveLength(11)
    })

    it('answers 403 without a dashboard identity or a user at the vendor', async () => {
      const noDashboard = await rig({ authorizeDashboard: undefined })
      expect((await sendRoute(noDashboard, DASHBOARD)).status).toBe(403)
      expect((await sendRoute(await rig({ authorizeDashboard: async () => null }), DASHBOARD)).status).toBe(403)
      const nobody = await rig({ resolveUser: async () => ({}) })
      expect((await sendRoute(nobody, USER_PORTAL)).status).toBe(403)
      expect((await sendRoute(nobody, BILLING)).status).toBe(403)
    })

    it('answers 404 when the vendor does not know the user', async () => {
      const target = await rig()
      target.simulator.fail({ api: 'junction', kind: 'not_found' })
      expect((await send(target, 'POST', '/signed-url', { json: USER_PORTAL.json })).status).toBe(404)
    })

    it('answers 502 with Retry-After: 3600 when the vendor refuses the server’s key', async () => {
      const target = await rig((simulator) => ({
        junction: { apiKey: 'sk_wrong', baseUrl: simulator.baseUrls.junction[0] },
      }))
      const answer = await send(target, 'POST', '/signed-url', { json: USER_PORTAL.json })
      expect(answer.status).toBe(502)
      expect(answer.headers.get('retry-after')).toBe('3600')
    })

    it('answers 502 when the vendor’s URL is off the server’s URL policy, and never shows that URL', async () => {
      const target = await rig({ urlPolicy: { allowedOrigins: ['https://portal.example.com'] } })
      const answer = await send(target, 'POST', '/signed-url', { json: USER_PORTAL.json })
      expect(answer.status).toBe(502)
      expect(answer.body).not.toContain(new URL(target.simulator.baseUrls.pages).host)
    })

    it('answers 429 with Retry-After: 5 when the vendor gave none', async () => {
      const target = await rig()
      target.simulator.fail({ api: 'junction', kind: 'rate_limit' })
      const answer = await send(target, 'POST', '/signed-url', { json: USER_PORTAL.json })
      expect(answer.status).toBe(429)
      expect(answer.headers.get('retry-after')).toBe('5')
    })
  })

  describe('the demographics routes', () => {
    it.each(['s'.repeat(257), 'a%0Ab', 'a%C2%85b'])('answer 422 naming subject to ?subject=%s', async (subject) => {
      const target = await rig()
      for (const method of ['GET', 'PUT']) {
        const answer = await send(target, method, `/demographics?subject=${subject}`, {
          json: method === 'PUT' ? COMPLETE_DEMOGRAPHICS : undefined,
        })
        expect(answer.status).toBe(422)
        expect(answer.json).toMatchObject({ fields: [{ path: 'subject' }] })
      }
    })

    it('reads nothing on file as null, with every required field missing', async () => {
      const target = await rig({ resolveUser: async () => ({ clientUserId: 'host-user-2' }) })
      const answer = await send(target, 'GET', '/demographics')
      expect(answer.json).toMatchObject({ demographics: null })
      expect((answer.json as { missing: unknown[] }).missing).toHaveLength(11)
    })

    it('reads partly filled demographics, with what is missing', async () => {
      const target = await rig()
      const userId = target.simulator.state.junctionUserByClientId(HOST_USER.clientUserId)?.user_id ?? ''
      target.simulator.setDemographics(userId, {
        ...COMPLETE_DEMOGRAPHICS,
        dob: undefined,
        address: { ...COMPLETE_DEMOGRAPHICS.address, zip: '' },
      })
      const answer = await send(target, 'GET', '/demographics')
      expect(answer.json).toMatchObject({ missing: ['dob', 'address.zip'] })
    })

    it('answers 422 with the vendor’s fields to demographics it refuses, which the document refuses too', async () => {
      const refused = { ...COMPLETE_DEMOGRAPHICS, dob: '10/12/1985' }
      expect(schemaProblems('#/components/schemas/Demographics', refused, 'body')).not.toEqual([])
      const answer = await send(await rig(), 'PUT', '/demographics', { json: refused })
      expect(answer.status).toBe(422)
      expect(answer.json).toMatchObject({ error: 'validation_error', fields: [{ path: 'dob' }] })
    })
  })

  describe('GET /junction/continue', () => {
    it.each([
      ['no feature', 'modality=link_out&environment=sandbox'],
      ['a feature the policy does not allow', 'feature=billing&modality=link_out&environment=sandbox'],
      ['both team ids', `${DASHBOARD_QUERY}&team_id=0f8fad5b-d9cb-469f-a165-70867728950e&integration_team_id=t`],
    ])('answers a 400 page to %s', async (_, query) => {
      const answer = await send(await rig(), 'GET', `/junction/continue?${query}`)
      expect(answer.status).toBe(400)
      expect(answer.body).toContain('<!doctype html>')
    })
  })

  describe('the portal-administration routes', () => {
    it('answer 422 to a deletion without the portal id in confirm', async () => {
      const target = await rig()
      for (const query of ['', '?confirm=portal-south']) {
        const answer = await send(target, 'DELETE', `/portals/${PORTAL}${query}`)
        expect(answer.status).toBe(422)
        expect(answer.json).toMatchObject({ fields: [{ path: 'confirm' }] })
      }
    })

    const REFUSED: [string, string, unknown, string][] = [
      ['POST', '/portals', {}, 'PortalCreateRequest'],
      ['POST', '/portals', { name: '   ' }, 'PortalCreateRequest'],
      ['POST', '/portals', { name: 'n'.repeat(201) }, 'PortalCreateRequest'],
      ['POST', '/portals', { name: 'West', custom_domain: 'https://portal.example.com' }, 'PortalCreateRequest'],
      ['POST', '/portals', { name: 'West', custom_domain: 'portal.example.com.' }, 'PortalCreateRequest'],
      ['POST', '/portals', { name: 'West', domain: 'portal.example.com' }, 'PortalCreateRequest'],
      ['PATCH', `/portals/${PORTAL}`, {}, 'PortalUpdateRequest'],
      ['PATCH', `/portals/${PORTAL}`, { name: null }, 'PortalUpdateRequest'],
      ['POST', `/portals/${PORTAL}/users`, { users: [] }, 'PortalUserInviteRequest'],
      ['POST', `/portals/${PORTAL}/users`, { users: ['ada@example.test'] }, 'PortalUserInviteRequest'],
      ['POST', `/portals/${PORTAL}/users`, { users: [{ email: 'ada' }] }, 'PortalUserInviteRequest'],
      [
        'POST',
        `/portals/${PORTAL}/users`,
        { users: [{ email: 'a@b.example', firstName: 'A' }] },
        'PortalUserInviteRequest',
      ],
      [
        'POST',
        `/portals/${PORTAL}/users`,
        { users: Array.from({ length: 501 }, (_, i) => ({ email: `p${i}@example.test` })) },
        'PortalUserInviteRequest',
      ],
    ]

    it.each(REFUSED)('answer 422 to %s %s %j, which the document refuses too', async (method, path, body, schema) => {
      expect(schemaProblems(`#/components/schemas/${schema}`, body, 'body')).not.toEqual([])
      await expectValidationError(method, path, body)
    })

    it('answer 404 when the vendor does not know the portal', async () => {
      const target = await rig()
      const answer = await send(target, 'GET', '/portals/portal-south/users')
      expect(answer.status).toBe(404)
    })
  })

  describe('paths that are no route', () => {
    it.each([
      ['GET', '/nowhere'],
      ['POST', '/portals/p/users/u/roles'],
      ['GET', '/'],
    ])('%s %s answers 404 not_found', async (method, path) => {
      expect((await send(await rig(), method, path)).status).toBe(404)
    })

    it('answers 404 outside the base path', async () => {
      const target = await rig()
      const url = `${ORIGIN}/api/other/signed-url`
      const answer = await check('POST', url, await target.embed(new Request(url, { method: 'POST' })))
      expect(answer.status).toBe(404)
    })

    it.each(['HEAD', 'OPTIONS'])('answers 405 to %s (no CORS preflight is served)', async (method) => {
      const answer = await send(await rig(), method, '/signed-url')
      expect(answer.status).toBe(405)
    })
  })

  it('answered every status openapi.json lists for every route (run after the tests above)', () => {
    const missing = documentedAnswers().filter((answer) => !exercised.has(answer))
    expect(missing).toEqual([])
  })
})
