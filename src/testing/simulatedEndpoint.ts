import { createEmbedHandler } from '../server/createEmbedHandler.js'
import type { ResolvedUser } from '../server/options.js'
import { simulatorHandlerOptions } from './simulator/handlerOptions.js'
import type { SimulatedFailure, VendorSimulator } from './simulator/types.js'

/** How the host's side meets one request: a scenario decides it before the request runs. */
export interface RequestPlan {
  /** `resolveUser` answers null: the real handler's 401. */
  signedOut?: boolean
  /** `authorize` answers false: the real handler's 403. */
  refused?: boolean
  /** The first vendor call of the request fails so; later calls and requests do not. */
  vendorFailure?: SimulatedFailure
}

export interface SimulatedEndpoint {
  /** Answers with the real `createEmbedHandler`, under `plan`, one request at a time (plans never cross). */
  serve(request: Request, plan?: RequestPlan): Promise<Response>
}

export interface SimulatedEndpointOptions {
  /** The endpoint's path or URL; its path is the handler's `basePath`. */
  endpoint: string
  simulator: VendorSimulator
  /** The signed-in caller, whatever the request names. */
  user: () => Promise<ResolvedUser>
}

/** The endpoint path without a trailing slash, from a path or an absolute URL. */
export function endpointPath(endpoint: string | undefined): string {
  const given = endpoint ?? '/api/portals'
  const path = /^[a-z][a-z\d+.-]*:/i.test(given) ? new URL(given).pathname : given
  return path.replace(/\/+$/, '') || '/'
}

/**
 * `createEmbedHandler` over a vendor simulator, as a host would set it up, with its host decisions
 * (`resolveUser`, `authorize`, `authorizeDashboard`) open to the scenario of each request. The fakes
 * of `embedded-portals/testing` add only what no real server does on purpose: a dropped connection, a
 * slow or broken answer.
 */
export function simulatedEndpoint({ endpoint, simulator, user }: SimulatedEndpointOptions): SimulatedEndpoint {
  let current: RequestPlan = {}
  const handler = createEmbedHandler({
    ...simulatorHandlerOptions(simulator),
    basePath: endpointPath(endpoint),
    fetch: (input, init) => {
      const failure = current.vendorFailure
      if (failure) {
        const { vendorFailure: _used, ...rest } = current
        current = rest
        simulator.fail({ ...failure, times: 1 })
      }
      return simulator.handle(new Request(input, init))
    },
    resolveUser: async () => (current.signedOut ? null : user()),
    authorize: () => !current.refused,
    authorizeDashboard: () => ({ team_id: simulator.teamId }),
    // A return URL back to the page under test is what hosts list.
    allowedOrigins: globalThis.location?.origin ? [globalThis.location.origin] : [],
  })
  let queue: Promise<unknown> = Promise.resolve()

  return {
    serve(request, plan = {}) {
      const run = queue.then(async () => {
        current = plan
        try {
          const response = await handler(request)
          // A Node server adds `Date`, which clients read for clock skew; a Fetch handler alone does not.
          response.headers.set('date', new Date().toUTCString())
          return response
        } finally {
          current = {}
        }
      })
      queue = run.catch(() => undefined)
      return run
    },
  }
}
