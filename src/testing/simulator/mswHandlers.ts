import { http, type RequestHandler } from 'msw'
import type { ResolvedBaseUrls } from './types.js'

/** Thin MSW handlers: every request under a base URL goes to `handle` as it is. */
export function mswHandlers(
  baseUrls: ResolvedBaseUrls,
  handle: (request: Request) => Promise<Response>,
): RequestHandler[] {
  const bases = [...baseUrls.junction, baseUrls.management, baseUrls.userhub, baseUrls.portalAdmin, baseUrls.pages]
  return bases.map((base) =>
    http.all(`${base}/*`, async ({ request }) => {
      try {
        return await handle(request)
      } catch (error) {
        // The caller aborted (a `timeout` failure, or latency cut short): fetch has already rejected for it.
        if (request.signal.aborted) return Response.error()
        throw error
      }
    }),
  )
}
