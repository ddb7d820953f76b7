import { describe, expect, it } from 'vitest'
import { server } from '../../test/support/msw-server.js'
import { type Demographics, REQUIRED_DEMOGRAPHIC_FIELDS } from '../core/demographics.js'
import { fetchDemographics, saveDemographics } from '../core/demographicsClient.js'
import type { Target } from '../core/target.js'
import { fetchSignedUrl } from '../core/wireClient.js'
import {
  type DemographicsSaveScenario,
  type EndpointHandlers,
  type EndpointHandlersOptions,
  endpointHandlers,
  type RecordedDemographicsRequest,
  SAMPLE_DEMOGRAPHICS,
  type SignedUrlScenario,
} from './index.js'

// The handlers' pages are on a test origin, which the client allows only when told.
const config = { endpoint: '/api/portals', allowedOrigins: ['https://portal.example.test'] }
const target: Target = { kind: 'junction.user_portal', context: 'launch' }
const dashboard: Target = {
  kind: 'junction.dashboard',
  feature: 'order_creation',
  modality: 'feature_embed',
  environment: 'sandbox',
}
const billing: Target = { kind: 'userhub.portal', portal_url: '/{accountId}/plans' }

const jane: Demographics = {
  first_name: 'Jane',
  last_name: 'Doe',
  email: 'jane@example.test',
  phone_number: '+14155550123',
  gender: 'female',
  dob: '1980-02-03',
  address: { first_line: '1 Main St', city: 'Springfield', state: 'CA', zip: '94105', country: 'US' },
}

/** Demographics as the server reads them back: the fields given, the optional ones the vendor adds as null. */
function filed(demographics: Partial<Demographics>) {
  const { address, ...rest } = demographics
  return expect.objectContaining({ ...rest, ...(address ? { address: expect.objectContaining(address) } : {}) })
}

function mount(options: EndpointHandlersOptions = {}): EndpointHandlers {
  const endpoint = endpointHandlers(options)
  server.use(...endpoint.handlers)
  return endpoint
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error,
  )
}

function post(body: unknown, path = '/api/portals/signed-url') {
  return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
}

describe('endpointHandlers: signed URLs from the real server over the simulator', () => {
  it('hands out fresh URLs in order, signed by the simulated vendor, and records the requests', async () => {
    const endpoint = mount({ expiresIn: 90 })
    const signed = await fetchSignedUrl(config, target)
    expect(signed.url).toBe('https://portal.example.test/portal?token=t1')
    expect(signed.expiresAt - signed.receivedAt).toBe(90_000)
    expect(endpoint.requests).toEqual([expect.objectContaining({ target, scenario: 'fresh' })])
    expect(endpoint.issuedUrls).toEqual([signed.url])
    expect(endpoint.simulator.requests.map((r) => `${r.api} ${r.method}`)).toEqual(['junction POST'])
    expect(endpoint.simulator.state.issuedTokens()).toEqual([
      expect.objectContaining({ kind: 'junction.portal', context: 'launch', url: signed.url }),
    ])
  })

  it('signs each target kind at its own vendor: a dashboard URL, a single-use UserHub redirectUrl', async () => {
    const endpoint = mount({ urlBase: 'https://pages.example.test/', urlPath: '/stub?x=1' })
    const pages = { ...config, allowedOrigins: ['https://pages.example.test'] }
    const frame = await fetchSignedUrl(pages, dashboard)
    expect(frame).toMatchObject({ url: 'https://pages.example.test/stub?x=1&token=t1', singleUse: false })
    const session = await fetchSignedUrl(pages, billing)
    expect(session).toMatchObject({ url: 'https://pages.example.test/stub?x=1&token=t2', singleUse: true })
    expect(endpoint.simulator.requests.map((r) => r.api)).toEqual(['management', 'userhub'])
  })

  it('answers what the real server answers to a request it refuses: no protocol of its own', async () => {
    const endpoint = mount()
    const response = await post({ target: { kind: 'junction.user_portal', context: 'later' } })
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({ error: 'validation_error', fields: [{ path: 'target.context' }] })
    expect(endpoint.simulator.requests).toEqual([])
  })

  it.each<[SignedUrlScenario, number, string, boolean]>([
    ['unauthorized', 401, 'unauthorized', false],
    ['forbidden', 403, 'forbidden', false],
    ['not_found', 404, 'not_found', true],
    ['server_error', 502, 'upstream_unavailable', true],
    ['unavailable', 503, 'upstream_unavailable', true],
  ])("'%s' answers %i %s", async (scenario, status, code, vendorCalled) => {
    const endpoint = mount({ signedUrl: scenario })
    const response = await post({ target })
    expect(response.status).toBe(status)
    expect(await response.json()).toMatchObject({ error: code })
    expect(endpoint.simulator.requests.length > 0).toBe(vendorCalled)
    expect(endpoint.issuedUrls).toEqual([])
  })

  it("'rate_limited' passes the vendor's Retry-After on", async () => {
    mount({ signedUrl: 'rate_limited', retryAfterSeconds: 7 })
    const response = await post({ target })
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('7')
  })

  it("'validation_error' answers the vendor's fields, for each target kind", async () => {
    // The vendor names `order_id`: a field of the portal's target, named under `target.`; the other kinds have no
    // such field for the browser to fix, so their answers name none.
    const fields = [{ path: 'target.order_id', message: 'must be a uuid' }]
    mount({ signedUrl: 'validation_error', saveFields: [{ path: 'dob', message: 'nope' }] })
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({ code: 'validation_error', fields })
    for (const other of [dashboard, billing]) {
      await expect(failure(fetchSignedUrl(config, other))).resolves.toMatchObject({
        code: 'validation_error',
        fields: undefined,
      })
    }
  })

  it("'demographics_required' takes the missing fields out of what is on file, and GET agrees", async () => {
    mount({ signedUrl: 'demographics_required', missing: ['dob', 'address.zip'] })
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({
      code: 'demographics_required',
      missing: ['dob', 'address.zip'],
    })
    await expect(fetchDemographics(config, undefined)).resolves.toMatchObject({ missing: ['dob', 'address.zip'] })
  })

  it('a planned vendor failure meets only its own request, even when that request never reaches the vendor', async () => {
    const endpoint = mount({ signedUrl: ['server_error', 'fresh'] })
    expect((await post({ target: { kind: 'nope' } })).status).toBe(422)
    await expect(fetchSignedUrl(config, target)).resolves.toMatchObject({
      url: 'https://portal.example.test/portal?token=t1',
    })
    expect(endpoint.requests.map((r) => r.scenario)).toEqual(['server_error', 'fresh'])
  })

  it.each<[SignedUrlScenario, string]>([
    ['network_error', 'network'],
    ['malformed_json', 'invalid_response'],
    ['missing_fields', 'invalid_response'],
    ['unsafe_url', 'unsafe_url'],
  ])("'%s' plays a broken endpoint: %s, and no vendor call", async (scenario, code) => {
    const endpoint = mount({ signedUrl: scenario })
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({ code })
    expect(endpoint.simulator.requests).toEqual([])
  })

  it('plays a list in order, the last one repeating, and use() starts a new one', async () => {
    const endpoint = mount({ signedUrl: ['unauthorized', 'fresh'] })
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({ code: 'unauthorized' })
    await fetchSignedUrl(config, target)
    await fetchSignedUrl(config, target)
    endpoint.use('demographics_required', { missing: ['dob'], expiresIn: 30 })
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({
      code: 'demographics_required',
      missing: ['dob'],
    })
    endpoint.setDemographics(SAMPLE_DEMOGRAPHICS)
    endpoint.use('fresh')
    const signed = await fetchSignedUrl(config, target)
    expect(signed.expiresAt - signed.receivedAt).toBe(30_000)
    expect(endpoint.requests.map((r) => r.scenario)).toEqual([
      'unauthorized',
      'fresh',
      'fresh',
      'demographics_required',
      'fresh',
    ])
  })
})

describe('endpointHandlers: GET {endpoint}/demographics', () => {
  it('answers complete sample demographics by default, so that portals open', async () => {
    const endpoint = mount()
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({
      demographics: filed(SAMPLE_DEMOGRAPHICS),
      missing: [],
    })
    expect(endpoint.demographicsRequests).toEqual([{ method: 'GET', subject: undefined, body: undefined }])
  })

  it('answers null and every required field with demographics: null, and a portal then asks for them', async () => {
    mount({ demographics: null })
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({
      demographics: null,
      missing: [...REQUIRED_DEMOGRAPHIC_FIELDS],
    })
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({
      code: 'demographics_required',
      missing: [...REQUIRED_DEMOGRAPHIC_FIELDS],
    })
  })

  it('computes missing from incomplete demographics', async () => {
    const partial = { ...jane, dob: '', address: { ...jane.address, zip: '  ' } }
    mount({ demographics: partial })
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({
      demographics: filed(partial),
      missing: ['dob', 'address.zip'],
    })
  })

  it('records the subject, an empty one as undefined', async () => {
    const endpoint = mount()
    await fetchDemographics(config, 'pat-1')
    await fetch('/api/portals/demographics?subject=')
    expect(endpoint.demographicsRequests.map((r) => r.subject)).toEqual(['pat-1', undefined])
  })

  it('serves a custom endpoint', async () => {
    const endpoint = mount({ endpoint: '/custom/ep/', demographics: jane })
    await expect(fetchDemographics({ endpoint: '/custom/ep' }, undefined)).resolves.toMatchObject({ missing: [] })
    expect(endpoint.demographicsRequests).toHaveLength(1)
  })

  it('keeps its own copy of the option', async () => {
    const given = structuredClone(jane)
    mount({ demographics: given })
    given.address.zip = ''
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({ demographics: filed(jane), missing: [] })
  })

  it('setDemographics replaces what is on file; reset() keeps it but forgets the records', async () => {
    const endpoint = mount()
    await fetchSignedUrl(config, target)
    endpoint.setDemographics(jane)
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({ demographics: filed(jane), missing: [] })
    endpoint.reset()
    expect(endpoint.demographicsRequests).toEqual([])
    expect(endpoint.requests).toEqual([])
    expect(endpoint.issuedUrls).toEqual([])
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({ demographics: filed(jane), missing: [] })
    endpoint.setDemographics(null)
    await expect(fetchDemographics(config, undefined)).resolves.toMatchObject({ demographics: null })
    expect(endpoint.demographicsRequests).toHaveLength(2)
  })

  it('use() leaves the demographics and the save plan alone', async () => {
    const endpoint = mount({ demographics: jane, saveDemographics: 'server_error' })
    endpoint.use('fresh', { expiresIn: 10 })
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({ demographics: filed(jane), missing: [] })
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({ status: 502 })
  })
})

describe('endpointHandlers: PUT {endpoint}/demographics', () => {
  it("'ok' (the default) saves through the vendor and answers like GET", async () => {
    const endpoint = mount({ demographics: null })
    await expect(saveDemographics(config, jane, 'p7')).resolves.toEqual({ demographics: filed(jane), missing: [] })
    await expect(fetchDemographics(config, 'p7')).resolves.toEqual({ demographics: filed(jane), missing: [] })
    const expected: RecordedDemographicsRequest[] = [
      { method: 'PUT', subject: 'p7', body: jane },
      { method: 'GET', subject: 'p7', body: undefined },
    ]
    expect(endpoint.demographicsRequests).toEqual(expected)
    expect(endpoint.simulator.requests.map((r) => `${r.api} ${r.method}`)).toContain('junction PATCH')
  })

  it("'ok' passes the vendor's refusal of incomplete demographics on, and stores nothing", async () => {
    mount({ demographics: null })
    await expect(failure(saveDemographics(config, { ...jane, phone_number: '' }, undefined))).resolves.toMatchObject({
      code: 'validation_error',
      fields: [expect.objectContaining({ path: 'phone_number' })],
    })
    await expect(fetchDemographics(config, undefined)).resolves.toMatchObject({ demographics: null })
  })

  it("'validation_error' answers 422 with the default address.zip field and stores nothing", async () => {
    const endpoint = mount({ demographics: null, saveDemographics: 'validation_error' })
    const error = await failure(saveDemographics(config, jane, undefined))
    expect(error).toMatchObject({
      code: 'validation_error',
      status: 422,
      fields: [{ path: 'address.zip', message: 'is not a valid ZIP code' }],
    })
    await expect(fetchDemographics(config, undefined)).resolves.toMatchObject({ demographics: null })
    expect(endpoint.demographicsRequests[0]).toEqual({ method: 'PUT', subject: undefined, body: jane })
  })

  it("'validation_error' uses saveFields, not the signed-URL fields", async () => {
    mount({
      saveDemographics: 'validation_error',
      fields: [{ path: 'order_id', message: 'x' }],
      saveFields: [{ path: 'dob', message: 'must be a date' }],
    })
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({
      fields: [{ path: 'dob', message: 'must be a date' }],
    })
  })

  it("'server_error' answers 502 and stores nothing", async () => {
    mount({ demographics: null, saveDemographics: 'server_error' })
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({
      code: 'upstream_unavailable',
      status: 502,
    })
    await expect(fetchDemographics(config, undefined)).resolves.toMatchObject({ demographics: null })
  })

  it("'network_error' fails the connection and stores nothing", async () => {
    const endpoint = mount({ demographics: null, saveDemographics: 'network_error' })
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({ code: 'network' })
    await expect(fetchDemographics(config, undefined)).resolves.toMatchObject({ demographics: null })
    expect(endpoint.demographicsRequests.map((r) => r.method)).toEqual(['PUT', 'GET'])
  })

  it('plays a list in order, the last one repeating', async () => {
    const plan: readonly DemographicsSaveScenario[] = ['server_error', 'validation_error', 'ok']
    mount({ saveDemographics: plan })
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({ status: 502 })
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({ status: 422 })
    await expect(saveDemographics(config, jane, undefined)).resolves.toMatchObject({ missing: [] })
    const other = { ...jane, first_name: 'Janet' }
    await expect(saveDemographics(config, other, undefined)).resolves.toEqual({
      demographics: filed(other),
      missing: [],
    })
  })

  it('useSave() changes the plan, starting the list again, and may set saveFields', async () => {
    const endpoint = mount({ saveDemographics: ['ok', 'server_error'] })
    await saveDemographics(config, jane, undefined)
    endpoint.useSave(['validation_error', 'ok'], { saveFields: [{ path: 'email', message: 'is taken' }] })
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({
      fields: [{ path: 'email', message: 'is taken' }],
    })
    await expect(saveDemographics(config, jane, undefined)).resolves.toMatchObject({ missing: [] })
    endpoint.useSave('network_error')
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({ code: 'network' })
  })

  it("'ok' refuses a body that is not a JSON object and stores nothing", async () => {
    const endpoint = mount({ demographics: jane })
    const put = (body: string) =>
      fetch('/api/portals/demographics', { method: 'PUT', headers: { 'content-type': 'application/json' }, body })
    for (const [body, status] of [
      ['not json', 400],
      ['[1]', 422],
    ] as const) {
      const response = await put(body)
      expect(response.status).toBe(status)
      expect(await response.json()).toMatchObject({ error: 'validation_error' })
    }
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({ demographics: filed(jane), missing: [] })
    expect(endpoint.demographicsRequests.map((r) => r.body)).toEqual([undefined, [1], undefined])
  })

  it('keeps its own copy of a saved body', async () => {
    mount()
    const sent = structuredClone(jane)
    await saveDemographics(config, sent, undefined)
    sent.first_name = 'changed'
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({ demographics: filed(jane), missing: [] })
  })
})

describe("endpointHandlers: 'demographics_gated'", () => {
  it('answers demographics_required until the demographics are saved, then a fresh URL', async () => {
    const endpoint = mount({ signedUrl: 'demographics_gated', demographics: null, missing: ['ignored'] })
    const first = await failure(fetchSignedUrl(config, target))
    expect(first).toMatchObject({
      code: 'demographics_required',
      status: 422,
      missing: [...REQUIRED_DEMOGRAPHIC_FIELDS],
    })
    expect(endpoint.issuedUrls).toEqual([])

    await failure(saveDemographics(config, { ...jane, dob: '' }, undefined))
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({ code: 'demographics_required' })

    await saveDemographics(config, jane, undefined)
    const signed = await fetchSignedUrl(config, target)
    expect(signed.url).toBe('https://portal.example.test/portal?token=t1')
    expect(endpoint.issuedUrls).toEqual([signed.url])
    expect(endpoint.requests.map((r) => r.scenario)).toEqual([
      'demographics_gated',
      'demographics_gated',
      'demographics_gated',
    ])
  })

  it('opens at once when complete demographics are on file, and closes again when they are cleared', async () => {
    const endpoint = mount({ signedUrl: 'demographics_gated', demographics: jane, expiresIn: 45 })
    const signed = await fetchSignedUrl(config, target)
    expect(signed.expiresAt - signed.receivedAt).toBe(45_000)
    endpoint.setDemographics(null)
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({ code: 'demographics_required' })
  })

  it('does not open on a save that failed', async () => {
    mount({ signedUrl: 'demographics_gated', demographics: null, saveDemographics: 'validation_error' })
    await failure(saveDemographics(config, jane, undefined))
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({ code: 'demographics_required' })
  })
})
