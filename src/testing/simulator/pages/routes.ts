import type { ApiHandler, SimulatorContext } from '../context.js'
import { matchRoute, type Route } from '../routing.js'
import type { IssuedTokenRecord, SignedUrlClaims } from '../types.js'
import { dashboardPage } from './dashboardPage.js'
import { htmlPage } from './document.js'
import { portalPage } from './portalPage.js'
import { type LinkProblem, linkProblemPage, notFoundPage } from './problemPage.js'
import { signinPage } from './signinPage.js'

type Kind = SignedUrlClaims['kind']
type RecordOf<K extends Kind> = Extract<IssuedTokenRecord, { kind: K }>

/** The pages behind the signed URLs. Each load checks the token's signature, then use, then expiry. */
export function pagesApi(ctx: SimulatorContext): ApiHandler {
  /** Consumes the token of the request's `?token=`, or says why it cannot be. */
  async function redeem<K extends Kind>(request: Request, kind: K): Promise<RecordOf<K> | LinkProblem> {
    const token = new URL(request.url).searchParams.get('token')
    if (!token) return 'invalid'
    const payload = await ctx.signer.verify(token)
    if (payload === null || payload.kind !== kind) return 'invalid'
    const record = ctx.store.tokens.get(payload.jti)
    if (!record || record.kind !== kind) return 'invalid'
    if (record.usedAt !== null) return 'used'
    const now = Date.now()
    if (now >= record.expiresAt) return 'expired'
    record.usedAt = now
    return record as RecordOf<K>
  }

  function page<K extends Kind>(kind: K, render: (record: RecordOf<K>) => Response): Route['run'] {
    return async (request) => {
      const result = await redeem(request, kind)
      return typeof result === 'string' ? linkProblemPage(result, kind === 'junction.dashboard') : render(result)
    }
  }

  const routes: Route[] = [
    { method: 'GET', pattern: '/junction/portal', run: page('junction.portal', portalPage) },
    { method: 'GET', pattern: '/junction/dashboard', run: page('junction.dashboard', dashboardPage) },
    { method: 'GET', pattern: '/userhub/signin', run: page('userhub.signin', signinPage) },
  ]

  return async (request, path) => {
    const match = matchRoute(routes, request.method, path)
    if (match.kind === 'not_found') return notFoundPage()
    if (match.kind === 'method_not_allowed') {
      const response = htmlPage({
        status: 405,
        title: 'Method not allowed',
        frameable: false,
        body: '<h1>Method not allowed</h1>\n<p>Pages are opened with GET.</p>',
      })
      response.headers.set('allow', 'GET')
      return response
    }
    return match.route.run(request, match.params)
  }
}
