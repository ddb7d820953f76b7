import { decide } from '../authorize.js'
import type { HandlerContext } from '../context.js'
import { continuationAllows } from '../dashboardFeatures.js'
import { WireError } from '../http.js'
import { TARGET_FIELDS, validateTarget } from '../targetValidation.js'
import { dashboardUrl } from './signedUrl.js'

const QUERY_KEYS = TARGET_FIELDS['junction.dashboard'].filter((key) => key !== 'kind')

function page(status: number, title: string, text: string, headers: Record<string, string> = {}): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'",
      'referrer-policy': 'no-referrer',
      ...headers,
    },
  })
}

/** The headers of a refusal that a page keeps: when to retry, and which methods the route serves. */
const KEPT_HEADERS = ['retry-after', 'allow']

/**
 * The continuation's answer for any error, a page for a person whatever the status (a person, not a
 * script, follows a Fast Launch link): 400 for a link that is not valid, 401 and 403 asking them to sign
 * in, any other status saying the dashboard is unavailable, with the error's `Retry-After` and `Allow`.
 */
export function continuationErrorPage(error: WireError): Response {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(error.extra.headers ?? {})) {
    if (KEPT_HEADERS.includes(name.toLowerCase())) headers[name.toLowerCase()] = value
  }
  if (error.status === 400) {
    return page(400, 'This dashboard link is not valid', 'Open the dashboard again from the application.', headers)
  }
  if (error.status === 401 || error.status === 403) {
    return page(
      error.status,
      'You cannot open this dashboard',
      'Sign in to the application, then open the dashboard again.',
      headers,
    )
  }
  return page(error.status, 'The dashboard is unavailable', 'Try again in a moment.', headers)
}

/**
 * `GET {basePath}/junction/continue?…`: Junction Connect's session continuation. Fast Launch sends the
 * browser (or the iframe) here; the parameters are allow-listed, the caller's own session is checked
 * (`resolveUser`, `authorize`, `authorizeDashboard`, as for a signed URL of the same target), and the
 * answer is a 307 to a freshly signed dashboard URL that passed `urlPolicy`. Its errors are answered
 * by `continuationErrorPage`.
 */
export async function continueRoute(context: HandlerContext, request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams
  const input: Record<string, string> = { kind: 'junction.dashboard' }
  for (const key of QUERY_KEYS) {
    const value = params.get(key)
    if (value !== null && value !== '') input[key] = value
  }
  const checked = validateTarget(input)
  if (
    !checked.ok ||
    checked.target.kind !== 'junction.dashboard' ||
    !continuationAllows(checked.target, context.options.continuation)
  ) {
    throw new WireError(400, 'validation_error', 'The dashboard link is not valid.')
  }
  const target = checked.target
  const user = await decide(context, request, { type: 'signed-url', target })
  const signed = await dashboardUrl(context, request, target, user)
  return new Response(null, {
    status: 307,
    headers: { location: signed.url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  })
}
