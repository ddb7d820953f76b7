// @ts-check
// `npm start`: the production server. Express serves the built client (dist/, from `npm run build`) and
// the API on one origin. Without vendor keys in the environment it starts the vendor simulator too.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createApp } from './app.js'
import { listen, onShutdown, print } from './listen.js'
import { vendorsFrom } from './vendors.js'

/** One JSON line per request to the portals endpoint: `AUDIT_LOG`, else audit.jsonl in this example. */
const auditFile = process.env.AUDIT_LOG ?? fileURLToPath(new URL('../audit.jsonl', import.meta.url))

const clientDir = fileURLToPath(new URL('../dist', import.meta.url))
if (!existsSync(`${clientDir}/index.html`)) {
  process.stderr.write('No built client in dist/: run `npm run build` first (or `npm run dev`).\n')
  process.exit(1)
}

const host = process.env.HOST ?? '127.0.0.1'
const vendors = await vendorsFrom(process.env)
const { server, origin, port } = await listen(Number(process.env.PORT ?? 3000), host)
const origins = host === '127.0.0.1' ? [origin, `http://localhost:${port}`] : [origin]
server.on('request', createApp({ vendors, appOrigins: origins, auditFile, clientDir }))

print(
  vendors.mode === 'simulator'
    ? `Vendor simulator: ${vendors.simulatorUrl} (no keys needed)`
    : 'Vendors: the real ones (keys from the environment)',
)
print(`Audit trail: ${auditFile}`)
print(`Northwind Clinic: ${origin}/`)
onShutdown(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await vendors.close()
})
