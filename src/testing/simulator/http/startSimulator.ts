import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readPeople, takenIds } from '../people.js'
import { applySeed, type SeededData, type SimulatorSeed } from '../seed.js'
import { createVendorSimulator } from '../simulator.js'
import type { ResolvedKeys, VendorSimulator, VendorSimulatorOptions } from '../types.js'
import { CONTROL_PATH, ControlRefusal, type SimulatorControl, serveControl } from './control.js'
import { isLoopbackHost, isOwnLoopbackHost } from './loopbackHost.js'
import { drain, MAX_BODY_BYTES, sendFetchResponse, sendJsonError, toFetchRequest } from './nodeBridge.js'

export interface StartSimulatorOptions {
  /** Default 0, which picks a free port. */
  port?: number | undefined
  /** A loopback host only. Default `127.0.0.1`. */
  host?: string | undefined
  /** Simulator settings; the base URLs are derived from the server's own address. */
  simulator?: Omit<VendorSimulatorOptions, 'baseUrls'> | undefined
  /** People to create before it serves: patients (with or without demographics), clinicians, UserHub users, portals. */
  seedData?: SimulatorSeed | undefined
}

/** Where each simulated API lives on the running server (paths of one origin). */
export interface RunningSimulatorBaseUrls {
  /** The one Junction base to give the server, e.g. `http://127.0.0.1:4010/junction`. */
  junction: string
  management: string
  userhub: string
  portalAdmin: string
  pages: string
}

/**
 * People to add to a running simulator: a {@link SimulatorSeed}, plus the command line's lists of ids.
 * Each id is a `clientUserId` (or, in `userhubUsers`, a UserHub user id) as the host's `resolveUser` returns it.
 */
export interface SimulatorPeople extends SimulatorSeed {
  /** Junction users with complete sample demographics (`SAMPLE_DEMOGRAPHICS`): their portal opens at once. */
  patients?: readonly string[] | undefined
  /** Junction users without demographics: the demographics gate asks for them. */
  patientsWithoutDemographics?: readonly string[] | undefined
  /** Junction users for staff members (no demographics). */
  clinicians?: readonly string[] | undefined
}

export interface RunningSimulator {
  /** The server's origin, e.g. `http://127.0.0.1:4010`. */
  url: string
  baseUrls: RunningSimulatorBaseUrls
  /**
   * The control routes, `{url}/control`: `POST /reset` and `POST /people` (a JSON {@link SimulatorPeople}),
   * which do what `reset()` and `addPeople()` do and answer `{"seeded"}`. Only for callers on loopback that
   * name a loopback `Host`.
   */
  controlUrl: string
  keys: ResolvedKeys
  orgId: string
  simulator: VendorSimulator
  /** What `seedData` created: Junction `user_id`s by `clientUserId`, portal ids. */
  seeded: SeededData
  /**
   * Back to the state it started in: forgets everything (people, signed URLs, failures, requests), then
   * creates the `seedData` people again. With the `seed` option their ids are the same as before.
   */
  reset(): Promise<SeededData>
  /**
   * Adds people while it runs, and returns what it created. Nothing is added when the list is malformed or
   * names a Junction `clientUserId` or a portal `id` twice or one that exists: it throws a `TypeError`
   * naming it.
   */
  addPeople(people: SimulatorPeople): Promise<SeededData>
  /** Stops listening and drops open connections (pending requests are aborted). Safe to call twice. */
  close(): Promise<void>
}

/** Prefixes of the simulated APIs on the HTTP server. */
const API_PATHS = {
  junction: '/junction',
  management: '/management',
  userhub: '/userhub',
  portalAdmin: '/portal-admin',
  pages: '/pages',
} as const

function originOf(host: string, port: number): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1')
  return bare.includes(':') ? `http://[${bare}]:${port}` : `http://${bare}:${port}`
}

/**
 * Serves the vendor simulator over real HTTP on loopback, every API under a path of one origin, with the
 * pages behind the signed URLs. `node:http` is loaded only here, so the testing entry still loads in browsers.
 */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopbackHost(host)) {
    throw new Error(`startSimulator listens on loopback only (127.0.0.1, ::1, localhost), not on "${host}".`)
  }
  const { createServer } = await import('node:http')
  let ready: { origin: string; port: number; simulator: VendorSimulator; control: SimulatorControl } | undefined

  async function serve(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    if (!ready) return sendJsonError(outgoing, 503, 'The simulator is starting.')
    // Its keys are well known: a page that rebinds its own name to loopback must not drive it.
    if (!isOwnLoopbackHost(incoming.headers.host, ready.port)) {
      return sendJsonError(outgoing, 421, `The simulator answers only requests to its own address, ${ready.origin}.`)
    }
    const path = incoming.url ?? '/'
    if (path === CONTROL_PATH || path.startsWith(`${CONTROL_PATH}/`) || path.startsWith(`${CONTROL_PATH}?`)) {
      return serveControl(incoming, outgoing, ready.origin, ready.control)
    }
    if (Number(incoming.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      if (await drain(incoming)) sendJsonError(outgoing, 413, 'The request body is larger than 1 MB.')
      return
    }
    const bridged = toFetchRequest(incoming, outgoing, ready.origin)
    try {
      const response = await ready.simulator.handle(bridged.request)
      if (bridged.tooLarge()) {
        if (await drain(incoming)) sendJsonError(outgoing, 413, 'The request body is larger than 1 MB.')
        return
      }
      await sendFetchResponse(response, outgoing, incoming.method === 'HEAD')
    } catch (error) {
      if (bridged.request.signal.aborted) return
      sendJsonError(outgoing, 500, `The simulator failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  const server = createServer((incoming, outgoing) => {
    void serve(incoming, outgoing)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })

  const { port } = server.address() as AddressInfo
  const url = originOf(host, port)
  const baseUrls: RunningSimulatorBaseUrls = {
    junction: `${url}${API_PATHS.junction}`,
    management: `${url}${API_PATHS.management}`,
    userhub: `${url}${API_PATHS.userhub}`,
    portalAdmin: `${url}${API_PATHS.portalAdmin}`,
    pages: `${url}${API_PATHS.pages}`,
  }
  const simulator = createVendorSimulator({
    ...options.simulator,
    baseUrls: { ...baseUrls, junction: [baseUrls.junction] },
  })
  let seeded: SeededData
  try {
    seeded = await applySeed(simulator, options.seedData ?? {})
  } catch (error) {
    server.close()
    throw error
  }
  const start = options.seedData ?? {}
  const control: SimulatorControl = {
    async reset() {
      simulator.reset()
      return applySeed(simulator, start)
    },
    async addPeople(body) {
      let people: SimulatorSeed
      try {
        people = readPeople(body)
      } catch (error) {
        throw new ControlRefusal(400, `The people to add: ${error instanceof Error ? error.message : String(error)}`)
      }
      const taken = takenIds(simulator, people)
      if (taken.length > 0) {
        const names = taken.map((id) => `"${id}"`).join(', ')
        throw new ControlRefusal(409, `Nothing was added: these ids exist or are given twice: ${names}.`)
      }
      return applySeed(simulator, people)
    },
  }
  ready = { origin: url, port, simulator, control }
  let closing: Promise<void> | undefined

  return {
    url,
    baseUrls,
    controlUrl: `${url}${CONTROL_PATH}`,
    keys: simulator.keys,
    orgId: simulator.orgId,
    simulator,
    seeded,
    reset: control.reset,
    addPeople: async (people) => {
      try {
        return await control.addPeople(people)
      } catch (error) {
        throw error instanceof ControlRefusal ? new TypeError(error.message) : error
      }
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      return closing
    },
  }
}
