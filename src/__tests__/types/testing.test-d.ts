// Type tests of `embedded-portals/testing`, checked by `npm run typecheck` (never run by Vitest).
import type { RequestHandler } from 'msw'
import { expectTypeOf } from 'vitest'
import type { Demographics, EmbedFieldError, Target } from '../../index.js'
import {
  createVendorSimulator,
  type DemographicsSaveScenario,
  type EndpointHandlers,
  type EndpointHandlersOptions,
  endpointHandlers,
  type RecordedDemographicsRequest,
  type RecordedSignedUrlRequest,
  type RecordedVendorRequest,
  type ResolvedBaseUrls,
  type ResolvedKeys,
  type SeedJunctionUserInput,
  type SeedPortalInput,
  type SignedUrlScenario,
  type SimulatedDemographics,
  type SimulatedFailure,
  type VendorSimulator,
  type VendorSimulatorOptions,
  type VendorSimulatorSettings,
  type VendorSimulatorState,
} from '../../testing/index.js'

/** Checks an object literal against `T`, excess-property checks included. */
function accepts<T>(_value: T): void {}

// --- endpointHandlers ------------------------------------------------------------------------------------

expectTypeOf(endpointHandlers).parameters.toEqualTypeOf<[options?: EndpointHandlersOptions | undefined]>()
expectTypeOf(endpointHandlers).returns.toEqualTypeOf<EndpointHandlers>()

expectTypeOf<SignedUrlScenario>().toEqualTypeOf<
  | 'fresh'
  | 'redirect_url'
  | 'demographics_required'
  | 'validation_error'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'server_error'
  | 'unavailable'
  | 'network_error'
  | 'slow'
  | 'malformed_json'
  | 'missing_fields'
  | 'unsafe_url'
  | 'demographics_gated'
>()
expectTypeOf<'demographics_gated'>().toExtend<SignedUrlScenario>()
expectTypeOf<DemographicsSaveScenario>().toEqualTypeOf<'ok' | 'validation_error' | 'server_error' | 'network_error'>()

type Options = EndpointHandlersOptions
expectTypeOf<Options['signedUrl']>().toEqualTypeOf<SignedUrlScenario | readonly SignedUrlScenario[] | undefined>()
expectTypeOf<Options['saveDemographics']>().toEqualTypeOf<
  DemographicsSaveScenario | readonly DemographicsSaveScenario[] | undefined
>()
expectTypeOf<Options['demographics']>().toEqualTypeOf<Demographics | null | undefined>()
expectTypeOf<Options['missing']>().toEqualTypeOf<readonly string[] | undefined>()
expectTypeOf<Options['fields']>().toEqualTypeOf<readonly EmbedFieldError[] | undefined>()
expectTypeOf<Options['saveFields']>().toEqualTypeOf<readonly EmbedFieldError[] | undefined>()
expectTypeOf<Options['endpoint']>().toEqualTypeOf<string | undefined>()
expectTypeOf<Options['expiresIn']>().toEqualTypeOf<number | undefined>()

accepts<Options>({})
accepts<Options>({ signedUrl: 'demographics_gated', demographics: null, saveDemographics: ['validation_error', 'ok'] })
accepts<Options>({ signedUrl: ['rate_limited', 'fresh'], retryAfterSeconds: 1, missing: ['dob'] })
// @ts-expect-error an unknown scenario
accepts<Options>({ signedUrl: 'gated' })
// @ts-expect-error an unknown save scenario
accepts<Options>({ saveDemographics: 'unavailable' })
// @ts-expect-error an unknown option
accepts<Options>({ signedUrl: 'fresh', latencyMs: 10 })

expectTypeOf<EndpointHandlers['handlers']>().toEqualTypeOf<RequestHandler[]>()
expectTypeOf<EndpointHandlers['requests']>().toEqualTypeOf<RecordedSignedUrlRequest[]>()
expectTypeOf<EndpointHandlers['issuedUrls']>().toEqualTypeOf<string[]>()
expectTypeOf<EndpointHandlers['demographicsRequests']>().toEqualTypeOf<RecordedDemographicsRequest[]>()
expectTypeOf<EndpointHandlers['setDemographics']>().toEqualTypeOf<(value: Demographics | null) => void>()
expectTypeOf<EndpointHandlers['reset']>().toEqualTypeOf<() => void>()
expectTypeOf<EndpointHandlers['use']>().parameter(0).toEqualTypeOf<SignedUrlScenario | readonly SignedUrlScenario[]>()
expectTypeOf<EndpointHandlers['useSave']>()
  .parameter(0)
  .toEqualTypeOf<DemographicsSaveScenario | readonly DemographicsSaveScenario[]>()
expectTypeOf<RecordedSignedUrlRequest>().toEqualTypeOf<{
  target: Target | undefined
  headers: Headers
  scenario: SignedUrlScenario
}>()
expectTypeOf<RecordedDemographicsRequest>().toEqualTypeOf<{
  method: 'GET' | 'PUT'
  subject: string | undefined
  body: unknown
}>()

declare const mock: EndpointHandlers
expectTypeOf(mock.use).toBeCallableWith('demographics_gated')
expectTypeOf(mock.use).toBeCallableWith(['slow', 'fresh'], { delayMs: 50 })
// @ts-expect-error `use` changes the scenario, not the endpoint
mock.use('fresh', { endpoint: '/elsewhere' })
// @ts-expect-error `use` takes signed-URL scenarios
mock.use('ok')
// @ts-expect-error the URLs' base is fixed when the handlers are made
mock.use('fresh', { urlBase: 'https://elsewhere.example.test' })
expectTypeOf(mock.simulator).toEqualTypeOf<VendorSimulator>()

// --- createVendorSimulator -------------------------------------------------------------------------------

expectTypeOf(createVendorSimulator).parameters.toEqualTypeOf<[options?: VendorSimulatorOptions | undefined]>()
expectTypeOf(createVendorSimulator).returns.toEqualTypeOf<VendorSimulator>()
expectTypeOf(createVendorSimulator).toBeCallableWith({ seed: 1, latencyMs: 0, keys: { junction: 'sk_test' } })

declare const simulator: VendorSimulator
expectTypeOf(simulator.handle).toEqualTypeOf<(request: Request) => Promise<Response>>()
expectTypeOf(simulator.handlers).toEqualTypeOf<RequestHandler[]>()
expectTypeOf(simulator.baseUrls).toEqualTypeOf<ResolvedBaseUrls>()
expectTypeOf(simulator.keys).toEqualTypeOf<ResolvedKeys>()
expectTypeOf(simulator.orgId).toEqualTypeOf<string>()
expectTypeOf(simulator.teamId).toEqualTypeOf<string>()
expectTypeOf(simulator.state).toEqualTypeOf<VendorSimulatorState>()
expectTypeOf(simulator.requests).toEqualTypeOf<readonly RecordedVendorRequest[]>()
expectTypeOf(simulator.seedJunctionUser).toEqualTypeOf<(input?: SeedJunctionUserInput) => Promise<string>>()
expectTypeOf(simulator.setDemographics).toEqualTypeOf<
  (userId: string, demographics: SimulatedDemographics | null) => void
>()
expectTypeOf(simulator.seedPortal).toEqualTypeOf<(input: SeedPortalInput) => string>()
expectTypeOf(simulator.fail).toEqualTypeOf<(failure: SimulatedFailure) => void>()
expectTypeOf(simulator.fail).toBeCallableWith({
  api: 'portalAdmin',
  kind: 'unprocessable',
  fields: [{ path: 'users.0.email', message: 'is invalid' }],
})
expectTypeOf(simulator.configure).toEqualTypeOf<(settings: VendorSimulatorSettings) => void>()
expectTypeOf(simulator.refuseInvites).toEqualTypeOf<(email: string, reason: string) => void>()
expectTypeOf(createVendorSimulator).toBeCallableWith({ signedUrls: { tokens: 'sequential', path: '/stub' } })
// @ts-expect-error tokens are jwt or sequential
createVendorSimulator({ signedUrls: { tokens: 'readable' } })
expectTypeOf(simulator.reset).toEqualTypeOf<() => void>()
expectTypeOf<ResolvedKeys>().toEqualTypeOf<{
  junction: string
  management: string
  userhub: string
  portalAdmin: string
}>()
expectTypeOf<ResolvedBaseUrls>().toEqualTypeOf<{
  junction: readonly string[]
  management: string
  userhub: string
  portalAdmin: string
  pages: string
}>()

// Incomplete demographics are allowed: the simulator plays users who are not ready.
accepts<SimulatedDemographics>({ first_name: 'Ada', address: { zip: '94107' } })
expectTypeOf<Demographics>().toExtend<SimulatedDemographics>()
accepts<SimulatedFailure>({ api: 'junction', kind: 'rate_limit', times: 2, retryAfterSeconds: 1 })
// @ts-expect-error an unknown API
accepts<SimulatedFailure>({ api: 'stripe', kind: 'server_error' })
// @ts-expect-error an unknown failure
accepts<SimulatedFailure>({ api: 'junction', kind: 'teapot' })
// @ts-expect-error the simulator's state is read-only
simulator.orgId = 'org-2'
