// The rig of the openapi.json tests: createEmbedHandler over the vendor simulator, seeded with a host user and a
// portal, and the routes it serves, each with what makes it fail.
import { createEmbedHandler, type EmbedHandler } from '../../src/server/createEmbedHandler.js'
import type { EmbedHandlerOptions } from '../../src/server/options.js'
import {
  createVendorSimulator,
  type SimulatedApi,
  simulatorHandlerOptions,
  type VendorSimulator,
} from '../../src/testing/index.js'
import { COMPLETE_DEMOGRAPHICS } from './fixtures.js'
import { basePath } from './openapi-document.js'

/** The host app's origin, which the handler allows. */
export const ORIGIN = 'https://ehr.example.com'
/** The handler's routes, on the host's origin. */
export const BASE = `${ORIGIN}${basePath}`
/** The seeded portal, and its one user. */
export const PORTAL = 'portal-north'
export const PORTAL_USER = 'u-ada'
/** The signed-in user that `resolveUser` answers, with demographics on file at Junction. */
export const HOST_USER = { clientUserId: 'host-user-1', userhubUserId: 'auth0|123@conn_1' }
/** A continuation's query: a dashboard feature the policy allows. */
export const DASHBOARD_QUERY = 'feature=order_creation&modality=feature_embed&environment=sandbox'

/**
 * The vendor calls in flight. A `Request` follows its caller's abort signal only while it lives (undici holds
 * its own controller weakly), and nothing else holds a call that waits for its timeout: without this, the
 * garbage collector may take it, and the call never ends.
 */
const vendorCalls = new Set<Request>()

type Overrides = Partial<EmbedHandlerOptions> | ((simulator: VendorSimulator) => Partial<EmbedHandlerOptions>)

/** The simulator and the handler over it. */
export interface Rig {
  simulator: VendorSimulator
  embed: EmbedHandler
}

/**
 * A simulator with the host's Junction user (demographics complete) and a portal with one user, and a
 * handler over it that lets everyone do everything: each test takes away what it needs to.
 */
export async function rig(overrides: Overrides = {}): Promise<Rig> {
  const simulator = createVendorSimulator({ seed: 7 })
  await simulator.seedJunctionUser({ clientUserId: HOST_USER.clientUserId, demographics: COMPLETE_DEMOGRAPHICS })
  simulator.seedPortal({
    id: PORTAL,
    name: 'North Clinic',
    users: [{ id: PORTAL_USER, email: 'ada@example.test', firstName: 'Ada', lastName: 'Lovelace', status: 'active' }],
  })
  const embed = createEmbedHandler({
    ...simulatorHandlerOptions(simulator),
    fetch: async (input, init) => {
      const request = new Request(input, init)
      vendorCalls.add(request)
      try {
        return await simulator.handle(request)
      } finally {
        vendorCalls.delete(request)
      }
    },
    resolveUser: async () => HOST_USER,
    authorize: async () => true,
    authorizeDashboard: async () => ({ integration_member_id: 'dr-who', integration_team_id: 'clinic-1' }),
    allowedOrigins: [ORIGIN],
    ...(typeof overrides === 'function' ? overrides(simulator) : overrides),
  })
  return { simulator, embed }
}

/** A body that sends its first bytes, then nothing: it never ends. */
export function stalled(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"target":'))
    },
  })
}

type Vendor = 'junction' | 'junctionManagement' | 'userhub' | 'portalAdmin'

/** The handler's options without one vendor. */
export function without(vendor: Vendor): Partial<EmbedHandlerOptions> {
  switch (vendor) {
    case 'junction':
      return { junction: undefined }
    case 'junctionManagement':
      return { junctionManagement: undefined }
    case 'userhub':
      return { userhub: undefined }
    case 'portalAdmin':
      return { portalAdmin: undefined }
  }
}

/** A route of the handler, with a request it answers with success and what makes it fail. */
export interface RouteCase {
  name: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  json?: unknown
  /** The largest body it takes. */
  limit?: number
  success: number
  /** The vendor API it calls, and the option that configures it. */
  api: SimulatedApi
  vendor: Vendor
  /** A method the path does not serve. */
  wrongMethod: string
  /** The same route with an invalid id in the path. */
  badIdPath?: string
  /** Answers HTML pages rather than JSON errors (the continuation). */
  page?: boolean
}

const KB16 = 16 * 1024
const MB1 = 1024 * 1024

/** The three kinds of target of POST /signed-url, each a route case. */
export const USER_PORTAL: RouteCase = {
  name: 'POST /signed-url (junction.user_portal)',
  method: 'POST',
  path: '/signed-url',
  json: { target: { kind: 'junction.user_portal', context: 'launch' } },
  limit: KB16,
  success: 200,
  api: 'junction',
  vendor: 'junction',
  wrongMethod: 'GET',
}
export const DASHBOARD: RouteCase = {
  name: 'POST /signed-url (junction.dashboard)',
  method: 'POST',
  path: '/signed-url',
  json: {
    target: { kind: 'junction.dashboard', feature: 'order_creation', modality: 'link_out', environment: 'sandbox' },
  },
  limit: KB16,
  success: 200,
  api: 'management',
  vendor: 'junctionManagement',
  wrongMethod: 'PUT',
}
export const BILLING: RouteCase = {
  name: 'POST /signed-url (userhub.portal)',
  method: 'POST',
  path: '/signed-url',
  json: { target: { kind: 'userhub.portal', portal_url: '/{accountId}/plans', return_url: `${ORIGIN}/billing` } },
  limit: KB16,
  success: 200,
  api: 'userhub',
  vendor: 'userhub',
  wrongMethod: 'DELETE',
}

/** Every operation of the document, the signed URL once per kind of target. */
export const ROUTES: RouteCase[] = [
  USER_PORTAL,
  DASHBOARD,
  BILLING,
  {
    name: 'GET /demographics',
    method: 'GET',
    path: '/demographics',
    success: 200,
    api: 'junction',
    vendor: 'junction',
    wrongMethod: 'POST',
  },
  {
    name: 'PUT /demographics',
    method: 'PUT',
    path: '/demographics?subject=patient-42',
    json: COMPLETE_DEMOGRAPHICS,
    limit: KB16,
    success: 200,
    api: 'junction',
    vendor: 'junction',
    wrongMethod: 'PATCH',
  },
  {
    name: 'GET /junction/continue',
    method: 'GET',
    path: `/junction/continue?${DASHBOARD_QUERY}`,
    success: 307,
    api: 'management',
    vendor: 'junctionManagement',
    wrongMethod: 'POST',
    page: true,
  },
  {
    name: 'POST /portals',
    method: 'POST',
    path: '/portals',
    json: { name: 'South Clinic', custom_domain: 'portal.example.com' },
    limit: KB16,
    success: 201,
    api: 'portalAdmin',
    vendor: 'portalAdmin',
    wrongMethod: 'GET',
  },
  {
    name: 'PATCH /portals/{portalId}',
    method: 'PATCH',
    path: `/portals/${PORTAL}`,
    json: { name: 'North Clinic (new)', custom_domain: null },
    limit: KB16,
    success: 200,
    api: 'portalAdmin',
    vendor: 'portalAdmin',
    wrongMethod: 'GET',
    badIdPath: '/portals/north%2Fclinic',
  },
  {
    name: 'DELETE /portals/{portalId}',
    method: 'DELETE',
    path: `/portals/${PORTAL}?confirm=${PORTAL}`,
    success: 200,
    api: 'portalAdmin',
    vendor: 'portalAdmin',
    wrongMethod: 'PUT',
    badIdPath: '/portals/north%20clinic?confirm=north%20clinic',
  },
  {
    name: 'GET /portals/{portalId}/users',
    method: 'GET',
    path: `/portals/${PORTAL}/users`,
    success: 200,
    api: 'portalAdmin',
    vendor: 'portalAdmin',
    wrongMethod: 'PATCH',
    badIdPath: '/portals/%ZZ/users',
  },
  {
    name: 'POST /portals/{portalId}/users',
    method: 'POST',
    path: `/portals/${PORTAL}/users`,
    json: {
      users: [
        { email: 'grace@example.test', first_name: 'Grace', last_name: 'Hopper' },
        { email: 'alan@example.test' },
      ],
    },
    limit: MB1,
    success: 201,
    api: 'portalAdmin',
    vendor: 'portalAdmin',
    wrongMethod: 'DELETE',
    badIdPath: '/portals/%2E%2E%2Fx/users',
  },
  {
    name: 'DELETE /portals/{portalId}/users/{userId}',
    method: 'DELETE',
    path: `/portals/${PORTAL}/users/${PORTAL_USER}`,
    success: 200,
    api: 'portalAdmin',
    vendor: 'portalAdmin',
    wrongMethod: 'GET',
    badIdPath: `/portals/${PORTAL}/users/${'u'.repeat(257)}`,
  },
]

/** The routes that take a body, those with an id in the path, and the writes (same-origin only). */
export const WITH_BODY = ROUTES.filter((route) => route.json !== undefined)
export const WITH_ID = ROUTES.filter((route) => route.badIdPath !== undefined)
export const WRITES = ROUTES.filter((route) => route.method !== 'GET')
