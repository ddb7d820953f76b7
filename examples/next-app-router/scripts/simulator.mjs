#!/usr/bin/env node
// The vendor simulator for this example: Junction and Junction Management on 127.0.0.1, with the
// clinic's patients already there (the same ids as lib/records.ts). As a command, it starts the simulator,
// then runs `next …` with the environment the route handler and the page read:
//
//   node scripts/simulator.mjs next dev     (npm run dev)
//
// The simulator listens on SIMULATOR_PORT (default 4010): its origin is built into the page by
// `next build`, so a build and a later `next start` must use the same one.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { SAMPLE_DEMOGRAPHICS, simulatorHandlerOptions, startSimulator } from 'embedded-portals/testing'

/** Ada's details are on file; Grace is new to Junction and has none (the demographics gate asks for them). */
export function startExampleSimulator({ port = 0 } = {}) {
  return startSimulator({
    port,
    seedData: {
      junctionUsers: [
        { clientUserId: 'patient:ada', demographics: SAMPLE_DEMOGRAPHICS },
        { clientUserId: 'patient:grace' },
        { clientUserId: 'staff:ruth' },
      ],
    },
  })
}

/**
 * The environment for the app, from `simulatorHandlerOptions(sim)`: the keys and base URLs the route
 * handler reads (lib/portals.ts), and the pages' origin, which both the server and the browser accept.
 * @param {import('embedded-portals/testing').RunningSimulator} sim
 */
export function simulatorEnv(sim) {
  const { junction, junctionManagement } = simulatorHandlerOptions(sim)
  return {
    JUNCTION_API_KEY: junction.apiKey,
    JUNCTION_BASE_URL: junction.baseUrl ?? '',
    JUNCTION_MANAGEMENT_KEY: junctionManagement.managementKey,
    JUNCTION_ORG_ID: junctionManagement.orgId,
    JUNCTION_MANAGEMENT_BASE_URL: junctionManagement.baseUrl ?? '',
    NEXT_PUBLIC_SIMULATOR_PAGES_ORIGIN: new URL(sim.baseUrls.pages).origin,
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [command, ...args] = process.argv.slice(2)
  if (command !== 'next') {
    process.stderr.write('Usage: node scripts/simulator.mjs next <dev | build | start> [options]\n')
    process.exit(1)
  }
  const sim = await startExampleSimulator({ port: Number(process.env.SIMULATOR_PORT ?? 4010) })
  process.stdout.write(`Vendor simulator: ${sim.url} (no keys needed)\n`)
  const next = createRequire(import.meta.url).resolve('next/dist/bin/next')
  const child = spawn(process.execPath, [next, ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...simulatorEnv(sim) },
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => {
    void sim.close().then(() => process.exit(code ?? (signal ? 1 : 0)))
  })
}
