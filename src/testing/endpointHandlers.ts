import { delay, HttpResponse, http, type RequestHandler } from 'msw'
import type { Demographics, DemographicsAddress } from '../core/demographics.js'
import type { EmbedFieldError } from '../core/errors.js'
import type { Target } from '../core/target.js'
import { endpointPath, type RequestPlan, simulatedEndpoint } from './simulatedEndpoint.js'
import { SAMPLE_DEMOGRAPHICS } from './simulator/seed.js'
import { createVendorSimulator } from './simulator/simulator.js'
import type { SimulatedApi, SimulatedDemographics, SimulatedFailure, VendorSimulator } from './simulator/types.js'

/**
 * What `POST {endpoint}/signed-url` answers. Each scenario is a state of the vendor or a decision of
 * the host, played by the real server (`createEmbedHandler`) over a vendor simulator; only the last
 * five (`network_error`, `slow`, `malformed_json`, `missing_fields`, `unsafe_url`) are the handlers' own,
 * because no working server answers so on purpose.
 */
export type SignedUrlScenario =
  /**
   * The vendor signs: `200 {url, expires_in}` for Junction targets, `200 {redirectUrl}` for UserHub.
   * A Junction portal needs complete demographics on file (the default), or answers `demographics_required`.
   */
  | 'fresh'
  /** The same as `fresh` (a UserHub target is what answers `{redirectUrl}`). */
  | 'redirect_url'
  /**
   * The `missing` fields are taken out of the demographics on file, so that a Junction portal answers
   * `422 {"error":"demographics_required","missing":[…]}` (and `GET {endpoint}/demographics` agrees).
   */
  | 'demographics_required'
  /** The vendor refuses the request: `422 {"error":"validation_error","fields":[…]}` with `fields`. */
  | 'validation_error'
  /** The host's `resolveUser` finds nobody signed in: `401`. */
  | 'unauthorized'
  /** The host's `authorize` refuses: `403`, and no vendor call. */
  | 'forbidden'
  /** The vendor does not know the user: `404 not_found`. */
  | 'not_found'
  /** The vendor rate-limits: `429` with `Retry-After: retryAfterSeconds`. */
  | 'rate_limited'
  /** The vendor fails (500): `502 upstream_unavailable`. */
  | 'server_error'
  /** The vendor is unavailable (503): `503 upstream_unavailable`. */
  | 'unavailable'
  /** The connection fails (`fetch` rejects). */
  | 'network_error'
  /** A fresh URL after `delayMs`. */
  | 'slow'
  /** A broken endpoint: `200` with a body that is not JSON. */
  | 'malformed_json'
  /** A broken endpoint: `200 {expires_in}` without `url`. */
  | 'missing_fields'
  /** A broken endpoint: `200` with a `javascript:` URL. */
  | 'unsafe_url'
  /** The same as `fresh`: a Junction portal opens once the demographics on file are complete. */
  | 'demographics_gated'

/** What `PUT {endpoint}/demographics` answers (played like the signed-URL scenarios). */
export type DemographicsSaveScenario =
  /**
   * The vendor saves the body and the server answers `200 {demographics, missing}`, as `GET` then does.
   * The vendor refuses incomplete or invalid demographics (`422 validation_error` with `fields`), and the
   * server a body that is not a JSON object.
   */
  | 'ok'
  /** The vendor refuses the save: `422 {"error":"validation_error","fields":[…]}` with `saveFields`. */
  | 'validation_error'
  /** The vendor fails: `502`; nothing is stored. */
  | 'server_error'
  /** The connection fails (`fetch` rejects); nothing is stored. */
  | 'network_error'

export interface EndpointHandlersOptions {
  /** The endpoint the provider is given. Default `/api/portals`. */
  endpoint?: string
  /** One scenario for every call, or a list played in order (the last one then repeats). Default `'fresh'`. */
  signedUrl?: SignedUrlScenario | readonly SignedUrlScenario[]
  /**
   * `expires_in` of fresh URLs, in seconds. Default 300. `createEmbedHandler` hands out no URL that has
   * already expired (it answers 502): for 0 or below the handlers play an endpoint that passes it on, so
   * that the client's own guard can be tested.
   */
  expiresIn?: number
  /** Where the URLs handed out point (the simulator's pages). Default `https://portal.example.test`. */
  urlBase?: string
  /**
   * Their path under `urlBase`, which may carry a query; `token=t1`, `t2`… is added to it, in the order
   * issued. Default `/portal`.
   */
  urlPath?: string
  /** `Retry-After` of `rate_limited`, in seconds. Default 2. */
  retryAfterSeconds?: number
  /** How long `slow` waits before answering, in ms. Default 20 000. */
  delayMs?: number
  /** What `demographics_required` takes out of the demographics on file. Default `['dob', 'address.zip', 'phone_number']`. */
  missing?: readonly string[]
  /**
   * The fields the vendor names in `validation_error` (dotted paths of its request; a UserHub target names
   * only the first, under `target.`). Default `[{path: 'order_id', message: 'must be a uuid'}]`.
   */
  fields?: readonly EmbedFieldError[]
  /**
   * The demographics on file at the start, for `GET`/`PUT {endpoint}/demographics` and every Junction
   * portal. One patient per handlers instance, whatever the `subject`. Default: complete
   * (`SAMPLE_DEMOGRAPHICS`), so portals open; `null`: nothing on file, so they answer
   * `demographics_required`. `reset()` keeps them; `setDemographics` replaces them.
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
  /**
   * The vendor simulator behind the server: its `requests` are the vendor calls made, and its controls
   * (`fail`, `configure`, `state`) reach what no scenario names.
   */
  readonly simulator: VendorSimulator
  /** Pass these to `setupServer(...)`, `setupWorker(...)`, `server.use(...)` or Storybook's `msw.handlers`. */
  handlers: RequestHandler[]
  /** Every signed-URL request answered so far, oldest first. */
  requests: RecordedSignedUrlRequest[]
  /** The URLs handed out so far, oldest first. */
  issuedUrls: string[]
  /** Changes what the next calls answer (the list, if any, starts again). */
  use: (
    scenario: SignedUrlScenario | readonly SignedUrlScenario[],
    options?: Omit<
      EndpointHandlersOptions,
      'endpoint' | 'signedUrl' | 'demographics' | 'saveDemographics' | 'urlBase' | 'urlPath'
    >,
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
/** The made-up patient every handlers instance plays (never PII). */
const PATIENT = 'embedded-portals-test-patient'
const USERHUB_USER = 'embedded-portals-test-billing'

/** The vendor each target kind calls first. */
const VENDOR: Record<Target['kind'], SimulatedApi> = {
  'junction.user_portal': 'junction',
  'junction.dashboard': 'management',
  'userhub.portal': 'userhub',
}

function subjectOf(request: Request): string | undefined {
  const subject = new URL(request.url).searchParams.get('subject')
  return subject === null || subject === '' ? undefined : subject
}

function plan<T extends string>(scenario: T | readonly T[] | undefined, fallback: T): readonly T[] {
  if (scenario === undefined) return [fallback]
  return typeof scenario === 'string' ? [scenario as T] : scenario.length > 0 ? scenario : [fallback]
}

/** `demographics` without the fields at `paths` (`address.zip` empties the address's `zip`). */
function without(demographics: Demographics, paths: readonly string[]): SimulatedDemographics {
  const copy: SimulatedDemographics = structuredClone(demographics)
  for (const path of paths) {
    const [head, field] = path.split('.') as [keyof Demographics, string | undefined]
    if (field === undefined) delete copy[head as keyof SimulatedDemographics]
    else if (head === 'address' && copy.address) delete copy.address[field as keyof DemographicsAddress]
  }
  return copy
}

async function bodyOf(request: Request): Promise<unknown> {
  try {
    return (await request.clone().json()) as unknown
  } catch {
    return undefined
  }
}

/** Answers no server gives on purpose: the handlers play a broken endpoint for these. */
const BROKEN: Partial<Record<SignedUrlScenario, (expiresIn: number) => Response>> = {
  network_error: () => HttpResponse.error(),
  malformed_json: () =>
    new HttpResponse('{"url": "https://portal.example.test/portal?tok', {
      status: 200,
      headers: { 'content-type': 'application/json', date: new Date().toUTCString() },
    }),
  missing_fields: (expiresIn) => HttpResponse.json({ expires_in: expiresIn }),
  unsafe_url: (expiresIn) => HttpResponse.json({ url: 'javascript:alert(document.domain)', expires_in: expiresIn }),
}

/**
 * MSW handlers that serve the host's endpoint for component tests, Storybook and demos with the real
 * server (`createEmbedHandler`) over a vendor simulator: every answer the client must cope with, one
 * switch each, and a record of the requests made so tests can assert how many there were.
 */
export function endpointHandlers(options: EndpointHandlersOptions = {}): EndpointHandlers {
  const endpoint = endpointPath(options.endpoint)
  let settings = { ...options }
  let signedPlan = plan(options.signedUrl, 'fresh')
  let savePlan = plan(options.saveDemographics, 'ok')
  let served = 0
  let saved = 0
  const requests: RecordedSignedUrlRequest[] = []
  const issuedUrls: string[] = []
  const demographicsRequests: RecordedDemographicsRequest[] = []

  // An expired lifetime is signed as 1 s by the vendor, then stated as asked (see `expiresIn`).
  const lifetimes = (asked: number) => {
    const seconds = asked > 0 ? asked : 1
    return { launch: seconds, communications: seconds, dashboard: seconds, userhub: seconds }
  }
  const simulator = createVendorSimulator({
    baseUrls: { pages: (options.urlBase ?? 'https://portal.example.test').replace(/\/+$/, '') },
    signedUrls: { tokens: 'sequential', path: options.urlPath ?? '/portal' },
    expiresIn: lifetimes(options.expiresIn ?? 300),
  })
  simulator.seedUserhubUser(USERHUB_USER)
  const initial = options.demographics === undefined ? SAMPLE_DEMOGRAPHICS : options.demographics
  let patient = simulator.seedJunctionUser({ clientUserId: PATIENT, demographics: initial })
  const host = simulatedEndpoint({
    endpoint,
    simulator,
    user: async () => ({ junctionUserId: await patient, userhubUserId: USERHUB_USER }),
  })

  async function signedUrl(request: Request): Promise<Response> {
    const scenario = signedPlan[Math.min(served, signedPlan.length - 1)] ?? 'fresh'
    served += 1
    const body = await bodyOf(request)
    const target = (body as { target?: Target } | undefined)?.target
    requests.push({ target, headers: request.headers, scenario })
    const expiresIn = settings.expiresIn ?? 300
    const broken = BROKEN[scenario]
    if (broken) return broken(expiresIn)
    if (scenario === 'slow') await delay(settings.delayMs ?? 20_000)
    const api = VENDOR[target?.kind ?? 'junction.user_portal'] ?? 'junction'
    const userId = await patient
    const fail = (failure: Omit<SimulatedFailure, 'api'>): RequestPlan => ({ vendorFailure: { api, ...failure } })
    let hostPlan: RequestPlan = {}
    switch (scenario) {
      case 'demographics_required': {
        const onFile = (simulator.state.demographics(userId) as Demographics | null) ?? SAMPLE_DEMOGRAPHICS
        simulator.setDemographics(userId, without(onFile, settings.missing ?? DEFAULT_MISSING))
        break
      }
      case 'validation_error':
        hostPlan = fail({ kind: 'unprocessable', fields: settings.fields ?? DEFAULT_FIELDS })
        break
      case 'unauthorized':
        hostPlan = { signedOut: true }
        break
      case 'forbidden':
        hostPlan = { refused: true }
        break
      case 'not_found':
        hostPlan = fail({ kind: 'not_found' })
        break
      case 'rate_limited':
        hostPlan = fail({ kind: 'rate_limit', retryAfterSeconds: settings.retryAfterSeconds ?? 2 })
        break
      case 'server_error':
        hostPlan = fail({ kind: 'server_error' })
        break
      case 'unavailable':
        hostPlan = fail({ kind: 'unavailable' })
        break
    }
    const response = await host.serve(request, hostPlan)
    if (!response.ok) return response
    const answer = (await response.clone().json()) as { url?: string; redirectUrl?: string }
    const url = answer.url ?? answer.redirectUrl
    if (url) issuedUrls.push(url)
    return answer.url && expiresIn <= 0
      ? HttpResponse.json({ ...answer, expires_in: expiresIn }, { headers: response.headers })
      : response
  }

  async function saveDemographics(request: Request): Promise<Response> {
    const scenario = savePlan[Math.min(saved, savePlan.length - 1)] ?? 'ok'
    saved += 1
    demographicsRequests.push({ method: 'PUT', subject: subjectOf(request), body: await bodyOf(request) })
    if (scenario === 'network_error') return HttpResponse.error()
    const vendorFailure: SimulatedFailure | undefined =
      scenario === 'validation_error'
        ? { api: 'junction', kind: 'unprocessable', fields: settings.saveFields ?? DEFAULT_SAVE_FIELDS }
        : scenario === 'server_error'
          ? { api: 'junction', kind: 'server_error' }
          : undefined
    return host.serve(request, vendorFailure ? { vendorFailure } : {})
  }

  return {
    simulator,
    handlers: [
      http.post(`${endpoint}/signed-url`, ({ request }) => signedUrl(request)),
      http.get(`${endpoint}/demographics`, ({ request }) => {
        demographicsRequests.push({ method: 'GET', subject: subjectOf(request), body: undefined })
        return host.serve(request)
      }),
      http.put(`${endpoint}/demographics`, ({ request }) => saveDemographics(request)),
    ],
    requests,
    issuedUrls,
    demographicsRequests,
    use(scenario, overrides = {}) {
      signedPlan = plan(scenario, 'fresh')
      served = 0
      settings = { ...settings, ...overrides }
      if (overrides.expiresIn !== undefined) simulator.configure({ expiresIn: lifetimes(overrides.expiresIn) })
    },
    setDemographics(value) {
      patient = patient.then((id) => {
        simulator.setDemographics(id, value)
        return id
      })
    },
    useSave(scenario, overrides = {}) {
      savePlan = plan(scenario, 'ok')
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
