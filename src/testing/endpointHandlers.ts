import { delay, HttpResponse, http, type JsonBodyType, type RequestHandler } from 'msw'
import { type Demographics, missingDemographics } from '../core/demographics.js'
import type { EmbedFieldError } from '../core/errors.js'
import type { Target } from '../core/target.js'

/** What `POST {endpoint}/signed-url` answers. */
export type SignedUrlScenario =
  /** `200 {url, expires_in}` with a new URL each time. */
  | 'fresh'
  /** `200 {redirectUrl}`: single use, no expiry. */
  | 'redirect_url'
  /** `422 {"error":"demographics_required","missing":[…]}`. */
  | 'demographics_required'
  /** `422 {"error":"validation_error","fields":[…]}`. */
  | 'validation_error'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  /** `429` with `Retry-After: retryAfterSeconds`. */
  | 'rate_limited'
  /** `500`. */
  | 'server_error'
  /** `503`. */
  | 'unavailable'
  /** The connection fails (`fetch` rejects). */
  | 'network_error'
  /** A fresh URL after `delayMs`. */
  | 'slow'
  /** `200` with a body that is not JSON. */
  | 'malformed_json'
  /** `200 {expires_in}` without `url`. */
  | 'missing_fields'
  /** `200` with a `javascript:` URL. */
  | 'unsafe_url'
  /**
   * Follows the stored demographics: `422 demographics_required` with `missing` computed from them while
   * they are incomplete (`missing` option ignored), a fresh URL once they are complete.
   */
  | 'demographics_gated'

/** What `PUT {endpoint}/demographics` answers. */
export type DemographicsSaveScenario =
  /**
   * Stores the body as given and answers `200 {demographics, missing}`, as `GET` then would. A body that
   * is not a JSON object is refused with `422 validation_error` (no `fields`), as the server does.
   */
  | 'ok'
  /** `422 {"error":"validation_error","fields":[…]}` with the `saveFields` option; nothing is stored. */
  | 'validation_error'
  /** `500`; nothing is stored. */
  | 'server_error'
  /** The connection fails (`fetch` rejects); nothing is stored. */
  | 'network_error'

export interface EndpointHandlersOptions {
  /** The endpoint the provider is given. Default `/api/portals`. */
  endpoint?: string
  /** One scenario for every call, or a list played in order (the last one then repeats). Default `'fresh'`. */
  signedUrl?: SignedUrlScenario | readonly SignedUrlScenario[]
  /** `expires_in` of fresh URLs, in seconds. Default 300. */
  expiresIn?: number
  /** Where the URLs handed out point. Default `https://portal.example.test`. */
  urlBase?: string
  /** Their path under `urlBase`, which may carry a query; `token=…` is added to it. Default `/portal`. */
  urlPath?: string
  /** `Retry-After` of `rate_limited`, in seconds. Default 2. */
  retryAfterSeconds?: number
  /** How long `slow` waits before answering, in ms. Default 20 000. */
  delayMs?: number
  /** `missing` of `demographics_required`. */
  missing?: readonly string[]
  /** `fields` of `validation_error`. */
  fields?: readonly EmbedFieldError[]
  /**
   * The demographics on file at the start, for `GET`/`PUT {endpoint}/demographics` and the
   * `demographics_gated` scenario. One record per handlers instance, whatever the `subject`. Default null
   * (nothing on file). `reset()` keeps them; `setDemographics` replaces them.
   */
  demographics?: Demographics | null
  /**
   * What `PUT {endpoint}/demographics` answers: one scenario for every call, or a list played in order
   * (the last one then repeats). Default `'ok'`.
   */
  saveDemographics?: DemographicsSaveScenario | readonly DemographicsSaveScenario[]
  /** `fields` of the save's `validation_error`. Default `[{path: 'address.zip', message: 'is not a valid ZIP code'}]`. */
  saveFields?: readonly EmbedFieldError[]
}

/** A request the handlers answered. */
export interface RecordedSignedUrlRequest {
  /** The `target` of the body as sent (unvalidated). */
  target: Target | undefined
  /** The request's headers. */
  headers: Headers
  /** The scenario it was answered with. */
  scenario: SignedUrlScenario
}

/** A demographics request the handlers answered. Patient data: never log it. */
export interface RecordedDemographicsRequest {
  method: 'GET' | 'PUT'
  /** The `subject` query parameter; absent or empty is `undefined`, as on the server. */
  subject: string | undefined
  /** The parsed JSON body of a `PUT` as sent (unvalidated); `undefined` for a `GET` or a body that is not JSON. */
  body: unknown
}

export interface EndpointHandlers {
  /** Pass these to `setupServer(...)`, `setupWorker(...)`, `server.use(...)` or Storybook's `msw.handlers`. */
  handlers: RequestHandler[]
  /** Every signed-URL request answered so far, oldest first. */
  requests: RecordedSignedUrlRequest[]
  /** The URLs handed out so far, oldest first. */
  issuedUrls: string[]
  /** Changes what the next calls answer (the list, if any, starts again). */
  use: (
    scenario: SignedUrlScenario | readonly SignedUrlScenario[],
    options?: Omit<EndpointHandlersOptions, 'endpoint' | 'signedUrl' | 'demographics' | 'saveDemographics'>,
  ) => void
  /** Every demographics request answered so far, oldest first. */
  demographicsRequests: RecordedDemographicsRequest[]
  /** Replaces the demographics on file (null: nothing on file). */
  setDemographics: (value: Demographics | null) => void
  /** Changes what the next `PUT {endpoint}/demographics` calls answer (the list, if any, starts again). */
  useSave: (
    scenario: DemographicsSaveScenario | readonly DemographicsSaveScenario[],
    options?: Pick<EndpointHandlersOptions, 'saveFields'>,
  ) => void
  /** Forgets the recorded requests (signed-URL and demographics) and issued URLs; keeps the demographics on file. */
  reset: () => void
}

const DEFAULT_MISSING = ['dob', 'address.zip', 'phone_number']
const DEFAULT_FIELDS: EmbedFieldError[] = [{ path: 'order_id', message: 'must be a uuid' }]
const DEFAULT_SAVE_FIELDS: EmbedFieldError[] = [{ path: 'address.zip', message: 'is not a valid ZIP code' }]

function copyOf<T>(value: T): T {
  return value === null || value === undefined ? value : structuredClone(value)
}

function subjectOf(request: Request): string | undefined {
  const subject = new URL(request.url).searchParams.get('subject')
  return subject === null || subject === '' ? undefined : subject
}

function json(body: JsonBodyType, status: number, headers: Record<string, string> = {}) {
  return HttpResponse.json(body, { status, headers: { date: new Date().toUTCString(), ...headers } })
}

/**
 * MSW handlers that play the host's endpoint (the wire protocol of embedded-portals) for component
 * tests, Storybook and demos: every answer the client must cope with, one switch each, and a record
 * of the requests made so tests can assert how many there were.
 */
export function endpointHandlers(options: EndpointHandlersOptions = {}): EndpointHandlers {
  const endpoint = (options.endpoint ?? '/api/portals').replace(/\/+$/, '')
  let settings = { ...options }
  let plan: readonly SignedUrlScenario[] = normalise(options.signedUrl)
  let served = 0
  let minted = 0
  const requests: RecordedSignedUrlRequest[] = []
  const issuedUrls: string[] = []
  let demographics: Demographics | null = copyOf(options.demographics ?? null)
  let savePlan: readonly DemographicsSaveScenario[] = normaliseSave(options.saveDemographics)
  let saved = 0
  const demographicsRequests: RecordedDemographicsRequest[] = []

  function normaliseSave(scenario: EndpointHandlersOptions['saveDemographics']): readonly DemographicsSaveScenario[] {
    if (scenario === undefined) return ['ok']
    return typeof scenario === 'string' ? [scenario] : scenario.length > 0 ? scenario : ['ok']
  }

  function demographicsBody(): JsonBodyType {
    return { demographics: copyOf(demographics) as JsonBodyType, missing: missingDemographics(demographics) }
  }

  function normalise(scenario: EndpointHandlersOptions['signedUrl']): readonly SignedUrlScenario[] {
    if (scenario === undefined) return ['fresh']
    return typeof scenario === 'string' ? [scenario] : scenario.length > 0 ? scenario : ['fresh']
  }

  function nextUrl(): string {
    const base = (settings.urlBase ?? 'https://portal.example.test').replace(/\/+$/, '')
    const url = new URL(`${base}${settings.urlPath ?? '/portal'}`)
    url.searchParams.set('token', `t${++minted}`)
    issuedUrls.push(url.href)
    return url.href
  }

  async function answer(scenario: SignedUrlScenario) {
    const expiresIn = settings.expiresIn ?? 300
    switch (scenario) {
      case 'fresh':
        return json({ url: nextUrl(), expires_in: expiresIn }, 200)
      case 'slow':
        await delay(settings.delayMs ?? 20_000)
        return json({ url: nextUrl(), expires_in: expiresIn }, 200)
      case 'redirect_url':
        return json({ redirectUrl: nextUrl() }, 200)
      case 'demographics_required':
        return json(
          {
            error: 'demographics_required',
            message: 'Demographics are required before the portal can open.',
            missing: [...(settings.missing ?? DEFAULT_MISSING)],
          },
          422,
        )
      case 'validation_error':
        return json(
          {
            error: 'validation_error',
            message: 'The request is invalid.',
            fields: [...(settings.fields ?? DEFAULT_FIELDS)],
          },
          422,
        )
      case 'unauthorized':
        return json({ error: 'unauthorized', message: 'Sign in again.' }, 401)
      case 'forbidden':
        return json({ error: 'forbidden', message: 'You may not open this portal.' }, 403)
      case 'not_found':
        return json({ error: 'not_found', message: 'No such user.' }, 404)
      case 'rate_limited':
        return json({ error: 'rate_limited', message: 'Slow down.' }, 429, {
          'retry-after': String(settings.retryAfterSeconds ?? 2),
        })
      case 'server_error':
        return json({ error: 'upstream_unavailable', message: 'Something broke.' }, 500)
      case 'unavailable':
        return json({ error: 'upstream_unavailable', message: 'Try again later.' }, 503)
      case 'network_error':
        return HttpResponse.error()
      case 'malformed_json':
        return new HttpResponse('{"url": "https://portal.example.test/portal?tok', {
          status: 200,
          headers: { 'content-type': 'application/json', date: new Date().toUTCString() },
        })
      case 'missing_fields':
        return json({ expires_in: expiresIn }, 200)
      case 'unsafe_url':
        return json({ url: 'javascript:alert(document.domain)', expires_in: expiresIn }, 200)
      case 'demographics_gated': {
        const missing = missingDemographics(demographics)
        if (missing.length === 0) return json({ url: nextUrl(), expires_in: expiresIn }, 200)
        return json(
          {
            error: 'demographics_required',
            message: 'Demographics are required before the portal can open.',
            missing,
          },
          422,
        )
      }
    }
  }

  function answerSave(scenario: DemographicsSaveScenario, body: unknown) {
    switch (scenario) {
      case 'ok':
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          return json({ error: 'validation_error', message: 'The body must be a JSON object.' }, 422)
        }
        demographics = copyOf(body as Demographics)
        return json(demographicsBody(), 200)
      case 'validation_error':
        return json(
          {
            error: 'validation_error',
            message: 'Some demographics are invalid.',
            fields: [...(settings.saveFields ?? DEFAULT_SAVE_FIELDS)],
          },
          422,
        )
      case 'server_error':
        return json({ error: 'upstream_unavailable', message: 'Something broke.' }, 500)
      case 'network_error':
        return HttpResponse.error()
    }
  }

  const signedUrl = http.post(`${endpoint}/signed-url`, async ({ request }) => {
    const scenario = plan[Math.min(served, plan.length - 1)] ?? 'fresh'
    served += 1
    let target: Target | undefined
    try {
      const body = (await request.clone().json()) as { target?: Target }
      target = body.target
    } catch {
      target = undefined
    }
    requests.push({ target, headers: request.headers, scenario })
    return answer(scenario)
  })

  const readDemographics = http.get(`${endpoint}/demographics`, ({ request }) => {
    demographicsRequests.push({ method: 'GET', subject: subjectOf(request), body: undefined })
    return json(demographicsBody(), 200)
  })

  const writeDemographics = http.put(`${endpoint}/demographics`, async ({ request }) => {
    const scenario = savePlan[Math.min(saved, savePlan.length - 1)] ?? 'ok'
    saved += 1
    let body: unknown
    try {
      body = (await request.clone().json()) as unknown
    } catch {
      body = undefined
    }
    demographicsRequests.push({ method: 'PUT', subject: subjectOf(request), body })
    return answerSave(scenario, body)
  })

  return {
    handlers: [signedUrl, readDemographics, writeDemographics],
    requests,
    issuedUrls,
    demographicsRequests,
    use(scenario, overrides = {}) {
      plan = normalise(scenario)
      served = 0
      settings = { ...settings, ...overrides }
    },
    setDemographics(value) {
      demographics = copyOf(value)
    },
    useSave(scenario, overrides = {}) {
      savePlan = normaliseSave(scenario)
      saved = 0
      settings = { ...settings, ...overrides }
    },
    reset() {
      requests.length = 0
      issuedUrls.length = 0
      demographicsRequests.length = 0
    },
  }
}
