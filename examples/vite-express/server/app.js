// @ts-check
// The Express app: the clinic's own API (sign-in, session), the portals endpoint, and, in production, the
// built client. `npm start` (server/index.js) and `npm run dev` (server/dev.js) both serve it.
import { toNodeHandler } from 'embedded-portals/server/node'
import express from 'express'
import { createPortalsHandler } from './portals.js'
import { CLINICIANS, patientsOf } from './records.js'
import { clinicianFromCookie, signIn, signOut } from './session.js'

/**
 * @typedef {object} AppOptions
 * @property {import('./vendors.js').Vendors} vendors
 * @property {readonly string[]} appOrigins the origins the app's pages are served from
 * @property {string} auditFile where the portals endpoint appends its audit events (JSON lines)
 * @property {string} [clientDir] the built client (`vite build`'s dist/) to serve, in production
 */

/** @param {AppOptions} options */
export function createApp({ vendors, appOrigins, auditFile, clientDir }) {
  const app = express()
  app.disable('x-powered-by')
  app.use(express.json())

  // The portals endpoint, mounted under its path. It reads the body express.json() already parsed.
  const portals = createPortalsHandler({ vendors: vendors.options, appOrigins, auditFile })
  app.use('/api/portals', toNodeHandler(portals))

  // A fake sign-in (no password), for the example only: use your own authentication.
  app.post('/api/login', (request, response) => {
    const clinician = CLINICIANS.find((candidate) => candidate.id === request.body?.clinicianId)
    if (!clinician) {
      response.status(400).json({ error: 'unknown clinician' })
      return
    }
    response.setHeader('Set-Cookie', signIn(clinician.id, { secure: request.secure }))
    response.status(204).end()
  })
  app.post('/api/logout', (request, response) => {
    response.setHeader('Set-Cookie', signOut(request.headers.cookie))
    response.status(204).end()
  })

  // Who is signed in, their patients, and what the browser's <EmbedProvider> needs to know.
  app.get('/api/session', (request, response) => {
    response.setHeader('Cache-Control', 'no-store')
    const clinician = clinicianFromCookie(request.headers.cookie)
    if (!clinician) {
      response.status(401).json({ clinicians: CLINICIANS.map(({ id, name }) => ({ id, name })) })
      return
    }
    response.json({
      clinician: { id: clinician.id, name: clinician.name },
      patients: patientsOf(clinician.id).map(({ id, name, note }) => ({ id, name, note })),
      portals: vendors.browser,
    })
  })
  app.use('/api', (_request, response) => {
    response.status(404).json({ error: 'not_found' })
  })

  if (clientDir) {
    // The dashboard is framed from the vendor's origin; everything else comes from this one.
    const csp = [
      "default-src 'self'",
      `frame-src ${vendors.frameSources.join(' ')}`,
      "connect-src 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; ')
    app.use((_request, response, next) => {
      response.setHeader('Content-Security-Policy', csp)
      next()
    })
    app.use(express.static(clientDir, { index: false }))
    // The client routes (/, /patients/:id): the single-page app's HTML.
    app.get(/^\/(?!api\/|assets\/).*/, (_request, response) => {
      response.sendFile('index.html', { root: clientDir })
    })
  }
  return app
}
