import { HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { server } from '../../test/support/msw-server.js'
import type { Demographics } from './demographics.js'
import { fetchDemographics, saveDemographics } from './demographicsClient.js'
import { EmbedError, isEmbedError } from './errors.js'

const config = { endpoint: '/api/portals' }
const url = '/api/portals/demographics'

const jane: Demographics = {
  first_name: 'Jane',
  last_name: 'Doe',
  email: 'jane@example.test',
  phone_number: '+14155550123',
  gender: 'female',
  dob: '1980-02-03',
  address: { first_line: '1 Main St', city: 'Springfield', state: 'CA', zip: '94105', country: 'US' },
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error,
  )
}

describe('fetchDemographics', () => {
  it('GETs {endpoint}/demographics without a query and returns the body', async () => {
    const seen: Request[] = []
    server.use(
      http.get(url, ({ request }) => {
        seen.push(request)
        return HttpResponse.json({ demographics: jane, missing: [] })
      }),
    )
    await expect(fetchDemographics({ endpoint: '/api/portals/' }, undefined)).resolves.toEqual({
      demographics: jane,
      missing: [],
    })
    expect(seen).toHaveLength(1)
    expect(new URL(seen[0]?.url ?? '').search).toBe('')
    expect(seen[0]?.headers.get('accept')).toBe('application/json')
  })

  it('returns null demographics with what is missing', async () => {
    server.use(http.get(url, () => HttpResponse.json({ demographics: null, missing: ['dob', 'address.zip'] })))
    await expect(fetchDemographics(config, undefined)).resolves.toEqual({
      demographics: null,
      missing: ['dob', 'address.zip'],
    })
  })

  it('encodes the subject as ?subject=', async () => {
    const seen: string[] = []
    server.use(
      http.get(url, ({ request }) => {
        seen.push(request.url)
        return HttpResponse.json({ demographics: null, missing: [] })
      }),
    )
    const subject = 'pat 1/&x=y#z'
    await fetchDemographics(config, subject)
    const sent = new URL(seen[0] ?? '')
    expect(sent.searchParams.get('subject')).toBe(subject)
    expect([...sent.searchParams.keys()]).toEqual(['subject'])
    expect(sent.search).toBe(`?subject=${encodeURIComponent(subject)}`)
  })

  it('sends no subject for an empty one, as the server reads it', async () => {
    const seen: string[] = []
    server.use(
      http.get(url, ({ request }) => {
        seen.push(request.url)
        return HttpResponse.json({ demographics: null, missing: [] })
      }),
    )
    await fetchDemographics(config, '')
    expect(new URL(seen[0] ?? '').search).toBe('')
  })

  it('calls a headers function per request and sends its headers with same-origin credentials', async () => {
    const headers = vi.fn(() => ({ 'x-csrf-token': 'tok-1' }))
    const seen: { input: string; init: RequestInit | undefined }[] = []
    const fetchSpy = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ input: String(input), init })
      return Response.json({ demographics: null, missing: [] })
    })
    await fetchDemographics({ ...config, headers, fetch: fetchSpy }, 'p1')
    await saveDemographics({ ...config, headers, fetch: fetchSpy }, jane, 'p1')
    expect(headers).toHaveBeenCalledTimes(2)
    expect(seen.map((s) => s.init?.credentials)).toEqual(['same-origin', 'same-origin'])
    expect(seen.map((s) => new Headers(s.init?.headers).get('x-csrf-token'))).toEqual(['tok-1', 'tok-1'])
    expect(seen.map((s) => s.init?.method)).toEqual(['GET', 'PUT'])
  })

  it('sends the headers through MSW too', async () => {
    let token: string | null = null
    server.use(
      http.get(url, ({ request }) => {
        token = request.headers.get('x-csrf-token')
        return HttpResponse.json({ demographics: null, missing: [] })
      }),
    )
    await fetchDemographics({ ...config, headers: async () => ({ 'x-csrf-token': 'async-tok' }) }, undefined)
    expect(token).toBe('async-tok')
  })

  it('maps 401 to unauthorized', async () => {
    server.use(http.get(url, () => HttpResponse.json({ error: 'unauthorized', message: 'Sign in.' }, { status: 401 })))
    const error = await failure(fetchDemographics(config, undefined))
    expect(isEmbedError(error)).toBe(true)
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, message: new EmbedError('unauthorized').message })
    expect((error as EmbedError).detail).toMatch(/answered 401 application\/json with error "unauthorized": Sign in\.$/)
  })

  it('maps 403 and 500 as signed-URL calls do', async () => {
    server.use(http.get(url, () => HttpResponse.json({ error: 'forbidden', message: 'No.' }, { status: 403 })))
    await expect(failure(fetchDemographics(config, 'p2'))).resolves.toMatchObject({ code: 'forbidden', status: 403 })
    server.use(http.get(url, () => HttpResponse.json({ message: 'Broke.' }, { status: 500 })))
    await expect(failure(fetchDemographics(config, 'p2'))).resolves.toMatchObject({
      code: 'upstream_unavailable',
      status: 500,
    })
  })

  it('maps a failed connection to network', async () => {
    server.use(http.get(url, () => HttpResponse.error()))
    const error = await failure(fetchDemographics(config, undefined))
    expect(error).toMatchObject({ code: 'network' })
  })

  it('rejects with the abort reason when its signal aborts', async () => {
    const controller = new AbortController()
    const never = () => new Promise<Response>(() => {})
    const pending = failure(fetchDemographics({ ...config, fetch: never }, undefined, controller.signal))
    const reason = new DOMException('gone', 'AbortError')
    controller.abort(reason)
    await expect(pending).resolves.toBe(reason)
  })

  const malformed: [string, () => Response][] = [
    ['not JSON', () => new Response('{"demographics": {', { headers: { 'content-type': 'application/json' } })],
    ['empty', () => new Response('', { status: 200 })],
    ['an array', () => Response.json([jane])],
    ['without demographics', () => Response.json({ missing: [] })],
    ['with string demographics', () => Response.json({ demographics: 'Jane Doe SECRET', missing: [] })],
    ['with array demographics', () => Response.json({ demographics: [jane], missing: [] })],
    ['without missing', () => Response.json({ demographics: jane })],
    ['with a missing that is a string', () => Response.json({ demographics: jane, missing: 'dob' })],
    ['with a missing holding a number', () => Response.json({ demographics: null, missing: ['dob', 7] })],
  ]

  it.each(malformed)('refuses a 200 body %s as invalid_response', async (_, respond) => {
    server.use(http.get(url, respond))
    const error = await failure(fetchDemographics(config, undefined))
    expect(isEmbedError(error)).toBe(true)
    expect(error).toMatchObject({ code: 'invalid_response', status: 200 })
    const message = (error as Error).message
    for (const value of ['SECRET', 'Jane', 'Doe', '94105', 'jane@example.test']) {
      expect(message).not.toContain(value)
    }
  })
})

describe('saveDemographics', () => {
  it('PUTs the full object as JSON with the subject and returns the answer', async () => {
    const seen: { url: string; body: unknown; type: string | null }[] = []
    server.use(
      http.put(url, async ({ request }) => {
        seen.push({ url: request.url, body: await request.json(), type: request.headers.get('content-type') })
        return HttpResponse.json({ demographics: jane, missing: [] })
      }),
    )
    await expect(saveDemographics(config, jane, 'pat/9')).resolves.toEqual({ demographics: jane, missing: [] })
    expect(seen).toHaveLength(1)
    expect(seen[0]?.body).toEqual(jane)
    expect(seen[0]?.type).toBe('application/json')
    expect(new URL(seen[0]?.url ?? '').searchParams.get('subject')).toBe('pat/9')
  })

  it('PUTs without a query when there is no subject', async () => {
    const seen: string[] = []
    server.use(
      http.put(url, ({ request }) => {
        seen.push(request.url)
        return HttpResponse.json({ demographics: jane, missing: [] })
      }),
    )
    await saveDemographics(config, jane, undefined)
    expect(new URL(seen[0] ?? '').search).toBe('')
  })

  it('keeps the fields of a 422 validation_error', async () => {
    const fields = [
      { path: 'address.zip', message: 'is not a valid ZIP code' },
      { path: 'dob', message: 'must be a date' },
    ]
    server.use(
      http.put(url, () =>
        HttpResponse.json({ error: 'validation_error', message: 'Invalid.', fields }, { status: 422 }),
      ),
    )
    const error = await failure(saveDemographics(config, jane, undefined))
    expect(isEmbedError(error)).toBe(true)
    expect(error).toMatchObject({ code: 'validation_error', status: 422, fields })
  })

  it('maps 401 to unauthorized', async () => {
    server.use(http.put(url, () => HttpResponse.json({ error: 'unauthorized', message: 'Sign in.' }, { status: 401 })))
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({
      code: 'unauthorized',
      status: 401,
    })
  })

  it('maps a failed connection to network', async () => {
    server.use(http.put(url, () => HttpResponse.error()))
    await expect(failure(saveDemographics(config, jane, undefined))).resolves.toMatchObject({ code: 'network' })
  })

  it('refuses a malformed 200 body without echoing what was sent', async () => {
    server.use(http.put(url, () => HttpResponse.json({ demographics: 'Jane', missing: [] })))
    const error = await failure(saveDemographics(config, jane, undefined))
    expect(error).toMatchObject({ code: 'invalid_response' })
    expect((error as Error).message).not.toMatch(/Jane|Doe|94105|1980/)
  })
})
