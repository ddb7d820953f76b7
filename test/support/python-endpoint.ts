import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { type RunningSimulator, SAMPLE_DEMOGRAPHICS, startSimulator } from '../../src/testing/index.js'
import { freePort } from './free-port.js'

const SERVER = fileURLToPath(new URL('../../examples/python-endpoint/server.py', import.meta.url))

/** The example Python endpoint, running against a simulator on loopback. */
export interface RunningPythonEndpoint {
  /** The simulator it calls, for tests that set up what the vendors answer. */
  simulator: RunningSimulator
  /** The port it listens on, at 127.0.0.1. */
  port: number
  /** Its URL, base path included. */
  endpoint: string
  /** The origin of the simulator's pages, where signed URLs point. */
  pagesOrigin: string
  /** The lines it printed on stdout: the audit events, one JSON line per request, after `listening on`. */
  stdout: () => string[]
  /** The simulator's vendor keys, which nothing it prints may hold. */
  keys: string[]
  stop: () => Promise<void>
}

/** Waits for the line the server prints once it listens, or fails with what it printed instead. */
function listening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`server.py did not start:\n${output}`)), 15_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('listening on ')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server.py exited with ${code}:\n${output}`))
    })
  })
}

/**
 * Starts the vendor simulator and `examples/python-endpoint/server.py` (Python 3, standard library)
 * against it, as its README says; `allowedOrigins` are the browser origins it serves across origins.
 * `demoClientUserId` is the patient every caller is: the seeded one has demographics, any other none.
 * `env` sets more of its variables (`HEADER_TIMEOUT_S`, `MAX_CONNECTIONS`).
 */
export async function startPythonEndpoint(
  allowedOrigins: readonly string[] = [],
  demoClientUserId = 'demo-patient',
  env: Record<string, string> = {},
): Promise<RunningPythonEndpoint> {
  // The demo patient already has demographics at Junction: the endpoint finds the user through the 400 conflict.
  const simulator = await startSimulator({
    seedData: {
      junctionUsers: [{ clientUserId: 'demo-patient', demographics: SAMPLE_DEMOGRAPHICS }],
      userhubUsers: ['usr_demo'],
    },
  })
  const port = await freePort()
  const child = spawn(process.env.PYTHON ?? 'python3', [SERVER], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      JUNCTION_BASE_URL: simulator.baseUrls.junction,
      JUNCTION_API_KEY: simulator.keys.junction,
      JUNCTION_MANAGEMENT_BASE_URL: simulator.baseUrls.management,
      JUNCTION_MANAGEMENT_KEY: simulator.keys.management,
      JUNCTION_ORG_ID: simulator.orgId,
      JUNCTION_TEAM_ID: simulator.simulator.teamId,
      USERHUB_BASE_URL: simulator.baseUrls.userhub,
      USERHUB_ADMIN_KEY: simulator.keys.userhub,
      PAGES_ORIGIN: new URL(simulator.baseUrls.pages).origin,
      ALLOWED_ORIGINS: allowedOrigins.join(','),
      DEMO_CLIENT_USER_ID: demoClientUserId,
      DEMO_USERHUB_USER_ID: 'usr_demo',
      // Bytecode stays out of the example's folder.
      PYTHONDONTWRITEBYTECODE: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let printed = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    printed += chunk.toString()
  })
  try {
    await listening(child)
  } catch (error) {
    child.kill()
    await simulator.close()
    throw error
  }
  return {
    simulator,
    port,
    endpoint: `http://127.0.0.1:${port}/api/portals`,
    pagesOrigin: new URL(simulator.baseUrls.pages).origin,
    stdout: () => printed.split('\n').filter((line) => line !== ''),
    keys: Object.values(simulator.keys),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
      await simulator.close()
    },
  }
}
