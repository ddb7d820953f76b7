// @ts-check
// `npm run dev`, one command: the vendor simulator (unless vendor keys are set), the Express API, and
// Vite's dev server, whose proxy (vite.config.ts) sends /api to the API.
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'
import { createApp } from './app.js'
import { listen, onShutdown, print } from './listen.js'
import { vendorsFrom } from './vendors.js'

/** One JSON line per request to the portals endpoint: `AUDIT_LOG`, else audit.jsonl in this example. */
const auditFile = process.env.AUDIT_LOG ?? fileURLToPath(new URL('../audit.jsonl', import.meta.url))

const vendors = await vendorsFrom(process.env)
const api = await listen(Number(process.env.API_PORT ?? 3001), '127.0.0.1')
// Read by vite.config.ts: where the dev server's proxy sends /api.
process.env.API_ORIGIN = api.origin

const vite = await createServer({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  server: { port: Number(process.env.PORT ?? 5173) },
})
await vite.listen()
const pages = (vite.resolvedUrls?.local ?? []).map((url) => new URL(url).origin)
// The pages' origins, where billing may send the user back to. Writes pass without this: the proxy keeps
// the browser's Host, so the portals handler sees them as same-origin (see the README).
const appOrigins = pages.flatMap((origin) => [origin, origin.replace('//localhost:', '//127.0.0.1:')])
api.server.on('request', createApp({ vendors, appOrigins, auditFile }))

print(
  vendors.mode === 'simulator'
    ? `Vendor simulator: ${vendors.simulatorUrl} (no keys needed)`
    : 'Vendors: the real ones (keys from the environment)',
)
print(`Audit trail: ${auditFile}`)
print(`API: ${api.origin}/api (proxied by the dev server)`)
print(`Northwind Clinic (dev): ${pages[0]}/`)
onShutdown(async () => {
  await vite.close()
  api.server.closeAllConnections()
  await new Promise((resolve) => api.server.close(resolve))
  await vendors.close()
})
