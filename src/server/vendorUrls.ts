import { EmbedError } from '../core/errors.js'
import { assertSafeUrl } from '../core/urlSafety.js'
import type { HandlerContext } from './context.js'
import { WireError } from './http.js'

/**
 * A URL a vendor answered, checked with the client's URL-safety rules against `urlPolicy` before this
 * server hands it out or redirects to it. Anything else is a 502, logged without the URL.
 */
export function safeVendorUrl(context: HandlerContext, raw: string, operation: string): string {
  try {
    return assertSafeUrl(raw, context.urlPolicy)
  } catch (error) {
    if (!(error instanceof EmbedError)) throw error
    context.options.logger?.error('vendor answered a URL that urlPolicy refuses; it was not handed out', {
      route: context.route,
      operation,
      origin: URL.canParse(raw) ? new URL(raw).origin : 'not a URL',
      allowed: context.urlPolicy.allowedOrigins,
      option: 'urlPolicy',
    })
    throw new WireError(502, 'upstream_unavailable', 'The portal service answered something unexpected.')
  }
}
