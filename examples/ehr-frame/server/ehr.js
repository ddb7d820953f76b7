// @ts-check
// A fake EHR on another origin, framing the app as Epic- or Cerner-style shells do. Its page takes the
// iframe's attributes from its query, so that each combination can be tried:
//   ?patient=ada|grace   whom the app is opened for
//   ?sandbox=none        no sandbox attribute; else the tokens given (default: what an EHR should set)
//   ?clipboard=0         no allow="clipboard-write"
//   ?session=token|partitioned|lax  how the app keeps its session (lax: the default cookie, which fails)
import { Hono } from 'hono'
import { html } from 'hono/html'
import { CLINICIAN, PATIENTS } from './records.js'

/** What an EHR should give the app's iframe. */
export const EHR_SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox'
const TOKENS = new Set([...EHR_SANDBOX.split(' '), 'allow-downloads', 'allow-modals'])

/**
 * @param {object} options
 * @param {() => string} options.appOrigin the framed app's origin, once it listens
 * @param {ReturnType<typeof import('./launchCodes.js').createLaunchCodes>} options.launchCodes
 */
export function createEhr({ appOrigin, launchCodes }) {
  const ehr = new Hono()
  ehr.get('/', (c) => {
    const patient = PATIENTS.find((candidate) => candidate.id === c.req.query('patient')) ?? PATIENTS[0]
    if (!patient) throw new Error('No patients.')
    const sandboxQuery = c.req.query('sandbox')
    const sandbox =
      sandboxQuery === 'none'
        ? undefined
        : (sandboxQuery ?? EHR_SANDBOX)
            .split(/[\s+]+/)
            .filter((token) => TOKENS.has(token))
            .join(' ')
    const clipboard = c.req.query('clipboard') !== '0'
    const session = ['token', 'partitioned', 'lax'].includes(c.req.query('session') ?? '')
      ? c.req.query('session')
      : 'token'
    const launch = launchCodes.issue({ clinicianId: CLINICIAN.id, patientId: patient.id })
    const src = `${appOrigin()}/launch?${new URLSearchParams({ launch, session: session ?? 'token' })}`
    c.header('Content-Security-Policy', `default-src 'none'; frame-src ${appOrigin()}; style-src 'unsafe-inline'`)
    return c.html(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Epicure EHR — ${patient.name}</title>
    <style>
      body { margin: 0; font-family: system-ui, sans-serif; background: #e8ecf1; }
      header { padding: 0.5rem 1rem; background: #5b2a86; color: #fff; }
      iframe { display: block; width: 100%; height: 1100px; border: 0; background: #fff; }
      code { font-size: 0.85rem; }
    </style>
  </head>
  <body>
    <header>
      <strong>Epicure EHR</strong> · ${CLINICIAN.name} · Chart: ${patient.name}
      <div><code>sandbox=${sandbox === undefined ? '(none)' : `"${sandbox}"`}</code>
        <code>allow=${clipboard ? '"clipboard-write"' : '(none)'}</code> <code>session=${session}</code></div>
    </header>
    ${
      sandbox === undefined
        ? html`<iframe title="Northwind Labs" src="${src}" ${clipboard ? html`allow="clipboard-write"` : ''}></iframe>`
        : html`<iframe title="Northwind Labs" src="${src}" sandbox="${sandbox}" ${clipboard ? html`allow="clipboard-write"` : ''}></iframe>`
    }
  </body>
</html>`)
  })
  return ehr
}
