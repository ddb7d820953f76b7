#!/usr/bin/env node
// Load benchmark of the server side, on loopback: autocannon against the vendor simulator alone, then
// against createEmbedHandler (through toNodeHandler) in front of the same simulator. The simulator and
// the handler each run in a process of their own, so that the load generator does not share their
// event loop. Prints requests/s, p50/p99 latency, errors, and what the handler adds. Not a test.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import os from 'node:os'
import autocannon from 'autocannon'

// Two phases, both within 20 s: one connection (what the handler adds to a request), then ten (load).
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 4)
const PHASES = [1, Number(process.env.BENCH_CONNECTIONS ?? 10)]

/** Starts `code` in a child process and resolves with the first JSON line it prints. */
async function child(code, env = {}) {
  const proc = spawn(process.execPath, ['--input-type=module', '-e', code], {
    cwd: new URL('..', import.meta.url),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let buffer = ''
  for await (const chunk of proc.stdout) {
    buffer += chunk
    const line = buffer.split('\n')[0]
    if (buffer.includes('\n')) return { proc, info: JSON.parse(line) }
  }
  throw new Error('child process exited before it was ready')
}

const simulatorCode = `
  import { startSimulator } from './dist/testing.js'
  const sim = await startSimulator({ port: 0 })
  const userId = await sim.simulator.seedJunctionUser({
    clientUserId: 'bench-user',
    demographics: {
      first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', phone_number: '+14155550123',
      gender: 'female', dob: '1985-12-10',
      address: { first_line: '1 Main St', city: 'San Francisco', state: 'CA', zip: '94105', country: 'US' },
    },
  })
  const pages = new URL(sim.baseUrls.pages).origin
  process.stdout.write(JSON.stringify({ junction: sim.baseUrls.junction, key: sim.keys.junction, userId, pages }) + '\\n')
`

const handlerCode = `
  import { createServer } from 'node:http'
  import { createEmbedHandler } from './dist/server.js'
  import { toNodeHandler } from './dist/server/node.js'
  const handler = createEmbedHandler({
    junction: { apiKey: process.env.BENCH_KEY, baseUrl: process.env.BENCH_JUNCTION },
    resolveUser: async () => ({ junctionUserId: process.env.BENCH_USER }),
    urlPolicy: { allowedOrigins: [process.env.BENCH_PAGES], allowInsecureLocalhost: true },
  })
  const app = createServer(toNodeHandler(handler))
  app.listen(0, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({ url: 'http://127.0.0.1:' + app.address().port }) + '\\n')
  })
`

function run(title, connections, options, duration = DURATION_S) {
  return new Promise((resolve, reject) => {
    autocannon({ duration, connections, method: 'POST', ...options }, (error, result) =>
      error ? reject(error) : resolve({ title, connections, result }),
    )
  })
}

const simulator = await child(simulatorCode)
const { junction, key, userId, pages } = simulator.info
const handler = await child(handlerCode, {
  BENCH_KEY: key,
  BENCH_JUNCTION: junction,
  BENCH_USER: userId,
  BENCH_PAGES: pages,
})

try {
  const simulatorAlone = {
    url: `${junction}/v2/user/${userId}/create_portal_url`,
    headers: { 'content-type': 'application/json', 'x-vital-api-key': key },
    body: JSON.stringify({ context: 'launch' }),
  }
  const throughHandler = {
    url: `${handler.info.url}/api/portals/signed-url`,
    headers: { 'content-type': 'application/json', origin: handler.info.url },
    body: JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch' } }),
  }
  // One second each, not recorded, so that the JIT has compiled both paths before they are measured.
  await run('warm-up', 2, simulatorAlone, 1)
  await run('warm-up', 2, throughHandler, 1)
  const results = []
  for (const connections of PHASES) {
    results.push(await run('simulator alone', connections, simulatorAlone))
    results.push(await run('handler + simulator', connections, throughHandler))
  }

  const rows = results.map(({ title, connections, result }) => ({
    run: title,
    connections,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    errors: result.errors + result.timeouts,
    'non-2xx': result.non2xx,
  }))
  console.log(`\nServer benchmark: ${DURATION_S} s per run, node ${process.version}, ${os.cpus().length} cores\n`)
  console.table(rows)
  const [alone, through] = results
  const addedP50 = through.result.latency.p50 - alone.result.latency.p50
  const addedP99 = through.result.latency.p99 - alone.result.latency.p99
  console.log(`one connection: the handler adds ${addedP50} ms at p50 and ${addedP99} ms at p99 (target ≤ 2 ms at p99)`)
  const ratio = (rows[3]['req/s'] / rows[2]['req/s']).toFixed(2)
  console.log(`${PHASES[1]} connections: throughput through the handler is ${ratio} of the simulator's alone`)
  const failures = rows.reduce((sum, row) => sum + row.errors + row['non-2xx'], 0)
  if (failures > 0) {
    console.error(`${failures} failed requests`)
    process.exitCode = 1
  }
} finally {
  for (const { proc } of [handler, simulator]) {
    proc.kill()
    await once(proc, 'exit')
  }
}
