#!/usr/bin/env node
// Load benchmark of the server side: autocannon against the vendor simulator alone, then against
// createEmbedHandler (through toNodeHandler) in front of the same simulator, on loopback, in one run.
// Prints requests/s, p50/p99 latency and errors, and what the handler adds. A benchmark, not a test.
import { createServer } from 'node:http'
import autocannon from 'autocannon'
import { createEmbedHandler, toNodeHandler } from '../dist/server.js'
import { startSimulator } from '../dist/testing.js'

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)

const sim = await startSimulator({ port: 0 })
const userId = await sim.simulator.seedJunctionUser({
  clientUserId: 'bench-user',
  demographics: {
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: 'ada@example.com',
    phone_number: '+14155550123',
    gender: 'female',
    dob: '1985-12-10',
    address: { first_line: '1 Main St', city: 'San Francisco', state: 'CA', zip: '94105', country: 'US' },
  },
})

const handler = createEmbedHandler({
  junction: { apiKey: sim.keys.junction, baseUrl: sim.baseUrls.junction },
  resolveUser: async () => ({ junctionUserId: userId }),
})
const app = createServer(toNodeHandler(handler))
await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve))
const appUrl = `http://127.0.0.1:${app.address().port}`

function run(title, options) {
  return new Promise((resolve, reject) => {
    autocannon({ duration: DURATION_S, connections: CONNECTIONS, method: 'POST', ...options }, (error, result) =>
      error ? reject(error) : resolve({ title, result }),
    )
  })
}

const direct = await run('simulator alone', {
  url: `${sim.baseUrls.junction}/v2/user/${userId}/create_portal_url`,
  headers: { 'content-type': 'application/json', 'x-vital-api-key': sim.keys.junction },
  body: JSON.stringify({ context: 'launch' }),
})
const through = await run('handler + simulator', {
  url: `${appUrl}/api/portals/signed-url`,
  headers: { 'content-type': 'application/json', origin: appUrl },
  body: JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch' } }),
})

await new Promise((resolve) => app.close(resolve))
await sim.close()

const rows = [direct, through].map(({ title, result }) => ({
  run: title,
  'req/s': Math.round(result.requests.average),
  'p50 ms': result.latency.p50,
  'p99 ms': result.latency.p99,
  errors: result.errors + result.timeouts,
  'non-2xx': result.non2xx,
}))
console.log(`\nServer benchmark: ${DURATION_S} s per run, ${CONNECTIONS} connections, node ${process.version}\n`)
console.table(rows)
const added = through.result.latency.p99 - direct.result.latency.p99
console.log(
  `handler adds ${added} ms at p99 (target ≤ 2 ms); throughput ratio ${(rows[1]['req/s'] / rows[0]['req/s']).toFixed(2)}`,
)
const failures = rows.reduce((sum, row) => sum + row.errors + row['non-2xx'], 0)
if (failures > 0) {
  console.error(`${failures} failed requests`)
  process.exitCode = 1
}
