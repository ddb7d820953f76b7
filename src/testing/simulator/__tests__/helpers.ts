import { COMPLETE_DEMOGRAPHICS } from '../../../../test/support/fixtures.js'
import type { SimulatedApi, VendorSimulator } from '../types.js'

export { COMPLETE_DEMOGRAPHICS }

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

type Api = Exclude<SimulatedApi, 'pages'>

export interface CallOptions {
  body?: unknown
  /** Sent as is instead of `body`. */
  rawBody?: string
  /** Replaces the API's auth header. */
  headers?: Record<string, string>
  /** Default true: send the simulator's own key. */
  auth?: boolean
  signal?: AbortSignal
}

export interface CallResult<T> {
  status: number
  body: T
  headers: Headers
}

function authHeaders(simulator: VendorSimulator, api: Api): Record<string, string> {
  switch (api) {
    case 'junction':
      return { 'x-vital-api-key': simulator.keys.junction }
    case 'management':
      return { 'x-management-key': simulator.keys.management }
    case 'userhub':
      return { authorization: `Bearer ${simulator.keys.userhub}` }
    case 'portalAdmin':
      return { authorization: `Bearer ${simulator.keys.portalAdmin}` }
  }
}

function baseOf(simulator: VendorSimulator, api: SimulatedApi): string {
  return api === 'junction' ? (simulator.baseUrls.junction[0] ?? '') : simulator.baseUrls[api]
}

/** Calls one simulated API through `handle`, with its key unless told otherwise, and reads the JSON answer. */
export async function call<T = unknown>(
  simulator: VendorSimulator,
  api: Api,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult<T>> {
  const body = options.rawBody ?? (options.body === undefined ? null : JSON.stringify(options.body))
  const headers = {
    ...(body === null ? {} : { 'content-type': 'application/json' }),
    ...(options.auth === false ? {} : authHeaders(simulator, api)),
    ...options.headers,
  }
  const init: RequestInit = { method, headers, body }
  if (options.signal) init.signal = options.signal
  const response = await simulator.handle(new Request(`${baseOf(simulator, api)}${path}`, init))
  const text = await response.text()
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T, headers: response.headers }
}

/** Loads a page the way a browser would follow a signed URL. */
export async function openPage(simulator: VendorSimulator, url: string) {
  const response = await simulator.handle(new Request(url))
  return { status: response.status, html: await response.text(), headers: response.headers }
}

/** A Junction user with complete demographics, and a fresh portal URL for it. */
export async function portalUrlFor(simulator: VendorSimulator, body: Record<string, unknown> = { context: 'launch' }) {
  const userId = await simulator.seedJunctionUser({ demographics: COMPLETE_DEMOGRAPHICS })
  const result = await call<{ url: string; expires_in: number }>(
    simulator,
    'junction',
    'POST',
    `/v2/user/${userId}/create_portal_url`,
    { body },
  )
  return { userId, ...result.body }
}
