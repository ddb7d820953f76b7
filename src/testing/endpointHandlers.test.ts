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
} from './index.js'

const config = { endpoint: '/api/portals' }
const target: Target = { kind: 'junction.user_portal', context: 'launch' }

const jane: Demographics = {
  first_name: 'Jane',
  last_name: 'Doe',
  email: 'jane@example.test',
  phone_number: '+14155550123',
  gender: 'female',
  dob: '1980-02-03',
  address: { first_line: '1 Main St', city: 'Springfield', state: 'CA', zip: '94105', country: 'US' },
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

describe('endpointHandlers: signed URLs (existing behaviour)', () => {
  it('hands out fresh URLs and records the requests', async () => {
    const endpoint = mount({ expiresIn: 90 })
    const signed = await fetchSignedUrl(config, target)
    expect(signed.url).toBe('https://portal.example.test/portal?token=t1')
    expect(signed.expiresAt - signed.receivedAt).toBe(90_000)
    expect(endpoint.requests).toEqual([expect.objectContaining({ target, scenario: 'fresh' })])
    expect(endpoint.issuedUrls).toEqual([signed.url])
  })

  it('keeps the signed-URL validation_error fields when the save fields are set', async () => {
    mount({ signedUrl: 'validation_error', saveFields: [{ path: 'dob', message: 'nope' }] })
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({
      code: 'validation_error',
      fields: [{ path: 'order_id', message: 'must be a uuid' }],
    })
  })

  it('plays a list in order, the last one repeating, and use() starts a new one', async () => {
    const endpoint = mount({ signedUrl: ['unauthorized', 'fresh'] })
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({ code: 'unauthorized' })
    await fetchSignedUrl(config, target)
    await fetchSignedUrl(config, target)
    endpoint.use('demographics_required', { missing: ['dob'] })
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({
      code: 'demographics_required',
      missing: ['dob'],
    })
    expect(endpoint.requests.map((r) => r.scenario)).toEqual([
      'unauthorized',
      'fresh',
      'fresh',
      'demographics_required',
    ])
  })
})

describe('endpointHandlers: GET {endpoint}/demographics', () => {
  it('answers null and every required field when nothing is on file (the default)', async () => {
    const endpoint = mount()
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({
      demographics: null,
      missing: [...REQUIRED_DEMOGRAPHIC_FIELDS],
    })
    expect(endpoint.demographicsRequests).toEqual([{ method: 'GET', subject: undefined, body: undefined }])
  })

  it('answers the demographics option with nothing missing when complete', async () => {
    mount({ demographics: jane })
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({ demographics: jane, missing: [] })
  })

  it('computes missing from incomplete demographics', async () => {
    const partial = { ...jane, dob: '', address: { ...jane.address, zip: '  ' } }
    mount({ demographics: partial })
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({
      demographics: partial,
      missing: ['dob', 'address.zip'],
    })
  })

  it('records the subject, an empty one as undefined', async () => {
    const endpoint = mount()
    await fetchDemographics(config, 'pat 1/&x')
    await fetch('/api/portals/demographics?subject=')
    expect(endpoint.demographicsRequests.map((r) => r.subject)).toEqual(['pat 1/&x', undefined])
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
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({ demographics: jane, missing: [] })
  })

  it('setDemographics replaces what is on file; reset() keeps it but forgets the records', async () => {
    const endpoint = mount()
    await fetchSignedUrl(config, target)
    endpoint.setDemographics(jane)
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({ demographics: jane, missing: [] })
    endpoint.reset()
    expect(endpoint.demographicsRequests).toEqual([])
    expect(endpoint.requests).toEqual([])
    expect(endpoint.issuedUrls).toEqual([])
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({ demographics: jane, missing: [] })
    endpoint.setDemographics(null)
    await expect(fetchDemographics(config, undefined)).resolves.toMatchObject({ demographics: null })
    expect(endpoint.demographicsRequests).toHaveLength(2)
  })

  it('use() leaves the demographics and the save plan alone', async () => {
    const endpoint = mount({ demographics: jane, saveDemographics: 'server_error' })
    endpoint.use('fresh', { expiresIn: 10 })
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({ demographics: jane, missing: [] })
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({ status: 500 })
  })
})

describe('endpointHandlers: PUT {endpoint}/demographics', () => {
  it("'ok' (the default) stores the body as given and answers like GET", async () => {
    const endpoint = mount()
    const partial = { ...jane, phone_number: '' }
    await expect(saveDemographics(config, partial, 'p7')).resolves.toEqual({
      demographics: partial,
      missing: ['phone_number'],
    })
    await expect(fetchDemographics(config, 'p7')).resolves.toEqual({
      demographics: partial,
      missing: ['phone_number'],
    })
    const expected: RecordedDemographicsRequest[] = [
      { method: 'PUT', subject: 'p7', body: partial },
      { method: 'GET', subject: 'p7', body: undefined },
    ]
    expect(endpoint.demographicsRequests).toEqual(expected)
  })

  it("'validation_error' answers 422 with the default address.zip field and stores nothing", async () => {
    const endpoint = mount({ saveDemographics: 'validation_error' })
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

  it("'server_error' answers 500 and stores nothing", async () => {
    mount({ saveDemographics: 'server_error' })
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({
      code: 'upstream_unavailable',
      status: 500,
    })
    await expect(fetchDemographics(config, undefined)).resolves.toMatchObject({ demographics: null })
  })

  it("'network_error' fails the connection and stores nothing", async () => {
    const endpoint = mount({ saveDemographics: 'network_error' })
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({ code: 'network' })
    await expect(fetchDemographics(config, undefined)).resolves.toMatchObject({ demographics: null })
    expect(endpoint.demographicsRequests.map((r) => r.method)).toEqual(['PUT', 'GET'])
  })

  it('plays a list in order, the last one repeating', async () => {
    const plan: readonly DemographicsSaveScenario[] = ['server_error', 'validation_error', 'ok']
    mount({ saveDemographics: plan })
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({ status: 500 })
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({ status: 422 })
    await expect(saveDemographics(config, jane, undefined)).resolves.toMatchObject({ missing: [] })
    const other = { ...jane, first_name: 'Janet' }
    await expect(saveDemographics(config, other, undefined)).resolves.toEqual({ demographics: other, missing: [] })
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
    const response = await fetch('/api/portals/demographics', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: 'not json',
    })
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({ error: 'validation_error' })
    const array = await fetch('/api/portals/demographics', { method: 'PUT', body: '[1]' })
    expect(array.status).toBe(422)
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({ demographics: jane, missing: [] })
    expect(endpoint.demographicsRequests.map((r) => r.body)).toEqual([undefined, [1], undefined])
  })

  it('keeps its own copy of a saved body', async () => {
    mount()
    const sent = structuredClone(jane)
    await saveDemographics(config, sent, undefined)
    sent.first_name = 'changed'
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({ demographics: jane, missing: [] })
  })
})

describe("endpointHandlers: 'demographics_gated'", () => {
  it('answers demographics_required until the demographics are saved, then a fresh URL', async () => {
    const endpoint = mount({ signedUrl: 'demographics_gated', missing: ['ignored'] })
    const first = await failure(fetchSignedUrl(config, target))
    expect(first).toMatchObject({
      code: 'demographics_required',
      status: 422,
      missing: [...REQUIRED_DEMOGRAPHIC_FIELDS],
    })
    expect(endpoint.issuedUrls).toEqual([])

    await saveDemographics(config, { ...jane, dob: '' }, undefined)
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({
      code: 'demographics_required',
      missing: ['dob'],
    })

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
    mount({ signedUrl: 'demographics_gated', saveDemographics: 'validation_error' })
    await failure(saveDemographics(config, jane, undefined))
    await expect(failure(fetchSignedUrl(config, target))).resolves.toMatchObject({ code: 'demographics_required' })
  })
})
