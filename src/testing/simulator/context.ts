import type { IdSource } from './ids.js'
import type { SimulatorConfig } from './options.js'
import type { SimulatorStore } from './store.js'
import type { TokenSigner } from './tokens.js'
import type { SignedUrlClaims } from './types.js'

/** What every simulated API shares: settings, ids, state and the token signer. */
export interface SimulatorContext {
  config: SimulatorConfig
  ids: IdSource
  store: SimulatorStore
  signer: TokenSigner
  /** How many sequential tokens were issued since the last reset. */
  sequence: { tokens: number }
}

/** Answers one request whose path is already relative to the API's base URL. */
export type ApiHandler = (request: Request, path: string) => Promise<Response>

/** The page each kind of signed URL opens, below the pages base URL. */
const PAGE_PATHS: Record<SignedUrlClaims['kind'], string> = {
  'junction.portal': '/junction/portal',
  'junction.dashboard': '/junction/dashboard',
  'userhub.signin': '/userhub/signin',
}

/** Mints a single-use page URL for `claims` that expires `lifetimeSeconds` from now. */
export async function issueSignedUrl(
  ctx: SimulatorContext,
  claims: SignedUrlClaims,
  lifetimeSeconds: number,
): Promise<string> {
  const issuedAt = Date.now()
  const expiresAt = issuedAt + lifetimeSeconds * 1000
  const { tokens, path } = ctx.config.signedUrls
  const id = tokens === 'sequential' ? `t${++ctx.sequence.tokens}` : ctx.ids.uuid()
  const token =
    tokens === 'sequential'
      ? id
      : await ctx.signer.sign({ jti: id, kind: claims.kind, iat: issuedAt / 1000, exp: expiresAt / 1000 })
  const url = new URL(`${ctx.config.baseUrls.pages}${path ?? PAGE_PATHS[claims.kind]}`)
  url.searchParams.set('token', token)
  ctx.store.tokens.set(id, { ...claims, id, url: url.href, issuedAt, expiresAt, usedAt: null })
  return url.href
}
