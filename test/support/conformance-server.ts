import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createEmbedHandler } from '../../src/server/createEmbedHandler.js'
import { toNodeHandler } from '../../src/server/node.js'
import type { EmbedHandlerOptions } from '../../src/server/options.js'
import { createVendorSimulator, simulatorHandlerOptions } from '../../src/testing/index.js'

/** What a broken endpoint does to a request, or to the real handler's answer. */
export type Breakage = (request: Request, answer: (request: Request) => Promise<Response>) => Promise<Response>

const servers: Server[] = []

/** Closes every server `serve` started. */
export async function closeServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
}

/**
 * createEmbedHandler over the simulator, served over real HTTP on loopback (a free port), possibly broken on
 * purpose: a copy of the real handler with one bug planted. Returns the endpoint's URL.
 */
export async function serve(breakage?: Breakage, options: Partial<EmbedHandlerOptions> = {}): Promise<string> {
  const simulator = createVendorSimulator()
  simulator.seedUserhubUser('usr_conformance')
  const handler = createEmbedHandler({
    ...simulatorHandlerOptions(simulator),
    fetch: (input, init) => simulator.handle(new Request(input, init)),
    resolveUser: async () => ({ clientUserId: 'conformance-user', userhubUserId: 'usr_conformance' }),
    authorizeDashboard: async () => ({ team_id: simulator.teamId }),
    ...options,
  })
  const served = breakage
    ? Object.assign((request: Request) => breakage(request, handler), { basePath: handler.basePath })
    : handler
  const server = createServer(toNodeHandler(served))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/portals`
}

/** A copy of `response` with its body replaced by `body` (JSON), its headers kept. */
export function withJson(response: Response, body: unknown, status = response.status): Response {
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  return new Response(JSON.stringify(body), { status, headers })
}

/** A copy of `request` whose body is `body` (or none), its headers kept but for the ones named. */
export function rebuilt(request: Request, body: string | ArrayBuffer | null, drop: string[] = []): Request {
  const headers = new Headers(request.headers)
  for (const name of drop) headers.delete(name)
  if (body !== null) headers.delete('content-length')
  return new Request(request.url, { method: request.method, headers, body })
}

/** Whether a request goes to `path` below the endpoint. */
export const isPath = (request: Request, path: string) => new URL(request.url).pathname.endsWith(path)
