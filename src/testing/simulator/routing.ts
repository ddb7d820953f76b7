import type { SimulatorConfig } from './options.js'
import { json } from './responses.js'

type RouteParams = Record<string, string>

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** `/v2/user/:user_id/info`, or a RegExp whose named groups are the parameters. */
  pattern: string | RegExp
  run: (request: Request, params: RouteParams) => Promise<Response> | Response
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: RouteParams }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' }

function decode(value: string): string | null {
  try {
    return decodeURIComponent(value)
  } catch {
    return null
  }
}

function matchPattern(pattern: string | RegExp, path: string): RouteParams | null {
  if (pattern instanceof RegExp) {
    const match = pattern.exec(path)
    if (!match) return null
    const params: RouteParams = {}
    for (const [name, raw] of Object.entries(match.groups ?? {})) {
      const value = decode(raw)
      if (value === null) return null
      params[name] = value
    }
    return params
  }
  const want = pattern.split('/')
  const got = path.split('/')
  if (want.length !== got.length) return null
  const params: RouteParams = {}
  for (const [index, part] of want.entries()) {
    const actual = got[index] ?? ''
    if (part.startsWith(':')) {
      const value = decode(actual)
      if (value === null || actual === '') return null
      params[part.slice(1)] = value
    } else if (part !== actual) {
      return null
    }
  }
  return params
}

/** Finds the route for a method and a path below the API's base (a trailing slash is ignored). */
export function matchRoute(routes: readonly Route[], method: string, rawPath: string): RouteMatch {
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath
  const allowed: string[] = []
  for (const route of routes) {
    const params = matchPattern(route.pattern, path)
    if (params === null) continue
    if (route.method === method.toUpperCase()) return { kind: 'found', route, params }
    allowed.push(route.method)
  }
  return allowed.length > 0 ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' }
}

/** FastAPI's `redirect_slashes`: a 307 to the same URL without its trailing slash, before any auth. */
function slashRedirect(request: Request): Response {
  const url = new URL(request.url)
  url.pathname = url.pathname.replace(/\/+$/, '')
  return new Response(null, { status: 307, headers: { location: url.href } })
}

/**
 * A FastAPI-style API (Junction, Junction Management, portal administration): 404 and 405 with a
 * `detail`, then `authenticate` (a 401 response, or null to go on), then the route. A trailing slash is
 * ignored, or redirected as FastAPI does (`unpublished.trailingSlash`).
 */
export function fastApiDispatch(
  config: Pick<SimulatorConfig, 'unpublished'>,
  routes: readonly Route[],
  authenticate: (request: Request) => Response | null,
): (request: Request, path: string) => Promise<Response> {
  return async (request, path) => {
    const match = matchRoute(routes, request.method, path)
    if (match.kind === 'not_found') return json({ detail: 'Not Found' }, 404)
    if (config.unpublished.trailingSlash === 'redirect' && path.length > 1 && path.endsWith('/')) {
      return slashRedirect(request)
    }
    if (match.kind === 'method_not_allowed') {
      return json({ detail: 'Method Not Allowed' }, 405, { allow: match.allowed.join(', ') })
    }
    return authenticate(request) ?? match.route.run(request, match.params)
  }
}
