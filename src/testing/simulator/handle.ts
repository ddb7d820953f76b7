import type { ApiHandler } from './context.js'
import { type FailureQueue, failureResponse } from './failures.js'
import { json, sleep } from './responses.js'
import type { RecordedVendorRequest, ResolvedBaseUrls, SimulatedApi } from './types.js'

interface Mount {
  api: SimulatedApi
  /** Origin and path prefix, without a trailing slash. */
  base: string
}

/** Every base URL with its API, longest first so that a nested base wins. */
function mounts(baseUrls: ResolvedBaseUrls): Mount[] {
  const list: Mount[] = [
    ...baseUrls.junction.map((base): Mount => ({ api: 'junction', base })),
    { api: 'management', base: baseUrls.management },
    { api: 'userhub', base: baseUrls.userhub },
    { api: 'portalAdmin', base: baseUrls.portalAdmin },
    { api: 'pages', base: baseUrls.pages },
  ]
  return list
    .map((mount) => {
      const url = new URL(mount.base)
      return { api: mount.api, base: `${url.origin}${url.pathname.replace(/\/+$/, '')}` }
    })
    .sort((a, b) => b.base.length - a.base.length)
}

export interface HandleDependencies {
  baseUrls: ResolvedBaseUrls
  apis: Record<SimulatedApi, ApiHandler>
  failures: FailureQueue
  requests: RecordedVendorRequest[]
  /** Read at each call: `configure` may change `latencyMs`. */
  config: { readonly latencyMs: number }
}

/** The simulator's single Fetch-API entry: find the API, record the call, wait, fail if asked, answer. */
export function createHandle(deps: HandleDependencies): (request: Request) => Promise<Response> {
  const table = mounts(deps.baseUrls)
  return async (request) => {
    const url = new URL(request.url)
    const address = `${url.origin}${url.pathname}`
    const mount = table.find(({ base }) => address === base || address.startsWith(`${base}/`))
    if (!mount) return json({ detail: 'The simulator serves no API at this address.' }, 404)
    const path = address.slice(mount.base.length) || '/'
    deps.requests.push({ api: mount.api, method: request.method, path })
    await sleep(deps.config.latencyMs, request.signal)
    const failure = deps.failures.take(mount.api)
    if (failure) return failureResponse(mount.api, failure, request.signal)
    return deps.apis[mount.api](request, path)
  }
}
