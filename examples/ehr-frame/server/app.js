// @ts-check
// The host app's server, a Hono app: the built client, the EHR launch, and the portals endpoint.
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { CLINICIAN, PATIENTS } from './records.js'
import { sessionCookie } from './sessions.js'

/** @typedef {import('./sessions.js').SessionKind} SessionKind */
const SESSION_KINDS = new Set(['token', 'partitioned', 'lax'])

/**
 * @param {object} options
 * @param {() => { app: string; ehr: string }} options.origins this app's origin and the EHR's, once both listen
 * @param {(request: Request) => Promise<Response>} options.portals the handler of ./portals.js
 * @param {ReturnType<typeof import('./sessions.js').createSessions>} options.sessions
 * @param {ReturnType<typeof import('./launchCodes.js').createLaunchCodes>} options.launchCodes
 * @param {Awaited<ReturnType<typeof import('./vendors.js').vendorsFrom>>} options.vendors
 * @param {string} options.clientDir the built client, relative to the working directory (`./dist`)
 */
export function createApp({ origins, portals, sessions, launchCodes, vendors, clientDir }) {
  const app = new Hono()

  app.use('*', async (c, next) => {
    await next()
    // Only the EHR may frame this app (`frame-ancestors`); it frames the dashboard from the vendor.
    c.header(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `frame-src ${vendors.frameSources.join(' ')}`,
        `frame-ancestors ${origins().ehr}`,
        "object-src 'none'",
        "base-uri 'none'",
      ].join('; '),
    )
    c.header('X-Content-Type-Options', 'nosniff')
  })

  // The EHR opened the app with a launch code: redeem it for a session, kept as the browser asks.
  app.post('/api/launch', async (c) => {
    if (c.req.header('origin') !== origins().app) return c.json({ error: 'forbidden' }, 403)
    const body = await c.req.json().catch(() => null)
    const keep = SESSION_KINDS.has(body?.keep) ? /** @type {SessionKind} */ (body.keep) : 'token'
    const context = launchCodes.redeem(body?.launch)
    if (!context) return c.json({ error: 'invalid_launch', message: 'Open the app again from the EHR.' }, 401)
    const id = sessions.create(context)
    const patient = PATIENTS.find((candidate) => candidate.id === context.patientId)
    const answer = {
      clinician: { name: CLINICIAN.name },
      patient,
      portals: { allowedOrigins: vendors.browserOrigins, allowInsecureLocalhost: vendors.allowInsecureLocalhost },
    }
    c.header('Cache-Control', 'no-store')
    if (keep === 'token') return c.json({ ...answer, token: id })
    c.header('Set-Cookie', sessionCookie(id, keep))
    return c.json(answer)
  })

  // The portals endpoint: the raw Request goes to createEmbedHandler as it is.
  app.all('/api/portals/*', (c) => portals(c.req.raw))
  app.all('/api/*', (c) => c.json({ error: 'not_found' }, 404))

  app.use('/assets/*', serveStatic({ root: clientDir }))
  app.get('*', serveStatic({ path: `${clientDir}/index.html` }))
  return app
}
