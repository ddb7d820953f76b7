import type { ApiHandler, SimulatorContext } from '../context.js'
import { matchRoute, type Route } from '../routing.js'
import type { IssuedTokenRecord, SignedUrlClaims } from '../types.js'
import { dashboardPage } from './dashboardPage.js'
import { htmlPage } from './document.js'
import { portalPage } from './portalPage.js'
import { type LinkProblem, linkProblemPage, notFoundPage } from './problemPage.js'
import { signinPage } from './signinPage.js'

type Kind = SignedUrlClaims['kind']

/** The pages behind the signed URLs. Each load checks the token (its signature, unless sequential), then use, then expiry. */
export function pagesApi(ctx: SimulatorContext): ApiHandler {
  /** The record a token names, if this simulator issued it (for `kind`, when given). */
  async function recordOf(token: string, kind: Kind | undefined): Promise<IssuedTokenRecord | undefined> {
    let id = token
    if (ctx.config.signedUrls.tokens === 'jwt') {
      const payload = await ctx.signer.verify(token)
      if (payload === null || (kind !== undefined && payload.kind !== kind)) return undefined
      id = payload.jti
    }
    const record = ctx.store.tokens.get(id)
    return record && (kind === undefined || record.kind === kind) ? record : undefined
  }

  /** Consumes the token of the request's `?token=`, or says why it cannot be. */
  async function redeem(request: Request, kind: Kind | undefined): Promise<IssuedTokenRecord | LinkProblem> {
    const token = new URL(request.url).searchParams.get('token')
    const record = token ? await recordOf(token, kind) : undefined
    if (!record) return 'invalid'
    if (record.usedAt !== null) return 'used'
    const now = Date.now()
    if (now >= record.expiresAt) return 'expired'
    record.usedAt = now
    return record
  }

  function render(record: IssuedTokenRecord): Response {
    switch (record.kind) {
      case 'junction.portal':
        return portalPage(record)
      case 'junction.dashboard':
        return dashboardPage(record)
      case 'userhub.signin':
        return signinPage(record)
    }
  }

  function page(kind: Kind | undefined): Route['run'] {
    return async (request) => {
      const result = await redeem(request, kind)
      if (typeof result !== 'string') return render(result)
      return linkProblemPage(result, kind === 'junction.dashboard')
    }
  }

  const shared = ctx.config.signedUrls.path
  const routes: Route[] =
    shared === null
      ? [
          { method: 'GET', pattern: '/junction/portal', run: page('junction.portal') },
          { method: 'GET', pattern: '/junction/dashboard', run: page('junction.dashboard') },
          { method: 'GET', pattern: '/userhub/signin', run: page('userhub.signin') },
        ]
      : [{ method: 'GET', pattern: new URL(shared, 'https://pages.invalid').pathname, run: page(undefined) }]

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
