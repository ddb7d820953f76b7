// @ts-check
// `npm start`: the host app (Hono, on http://localhost) and a fake EHR framing it (on http://127.0.0.1, another
// site), with the vendor simulator when no vendor key is set. Build the client first (`npm run build`).
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import { createEhr } from './ehr.js'
import { createLaunchCodes } from './launchCodes.js'
import { createPortalsHandler } from './portals.js'
import { createSessions } from './sessions.js'
import { vendorsFrom } from './vendors.js'

if (!existsSync('dist/index.html')) {
  process.stderr.write(
    'No built client in dist/: run `npm run build` (or `npm run build:dev`) first, in this folder.\n',
  )
  process.exit(1)
}

const vendors = await vendorsFrom(process.env)
const sessions = createSessions()
// Shared by the EHR, which signs the launch context, and the app's server, which checks it.
const launchCodes = createLaunchCodes(process.env.EHR_LAUNCH_SECRET ?? randomBytes(32).toString('hex'))
const origins = { app: '', ehr: '' }
const app = createApp({
  origins: () => origins,
  portals: createPortalsHandler({ vendors: vendors.options, sessions }),
  sessions,
  launchCodes,
  vendors,
  clientDir: './dist',
})
const ehr = createEhr({ appOrigin: () => origins.app, launchCodes })

/**
 * Serves a Hono app on 127.0.0.1 and resolves with its port.
 * @param {{ fetch: (request: Request) => Response | Promise<Response> }} hono
 * @param {number} port
 * @returns {Promise<{ server: import('node:http').Server; port: number }>}
 */
function listen(hono, port) {
  return new Promise((resolve) => {
    const server = /** @type {import('node:http').Server} */ (
      serve({ fetch: hono.fetch, port, hostname: '127.0.0.1' }, (info) => resolve({ server, port: info.port }))
    )
  })
}

const appServer = await listen(app, Number(process.env.PORT ?? 3000))
const ehrServer = await listen(ehr, Number(process.env.EHR_PORT ?? 3100))
// Two sites: `localhost` and `127.0.0.1` differ, so the app's cookies are third-party in the EHR's frame.
origins.app = `http://localhost:${appServer.port}`
origins.ehr = `http://127.0.0.1:${ehrServer.port}`

if (vendors.simulatorUrl) process.stdout.write(`Vendor simulator: ${vendors.simulatorUrl} (no keys needed)\n`)
process.stdout.write(`Northwind Labs (the app): ${origins.app}/\n`)
process.stdout.write(`Epicure EHR (framing it): ${origins.ehr}/\n`)

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, async () => {
    for (const { server } of [appServer, ehrServer]) {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
    await vendors.close()
    process.exit(0)
  })
}
