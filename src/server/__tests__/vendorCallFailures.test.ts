// @vitest-environment node
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmbedHandler } from '../createEmbedHandler.js'
import type { EmbedHandlerOptions } from '../options.js'

const ORIGIN = 'https://ehr.example.com'
const KEY = 'sk_test_K3Y_never_logged'
const servers: Server[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

/** A loopback server answering every request with `answer`; returns its origin and the paths it saw. */
async function listen(answer: (path: string) => { status: number; headers?: Record<string, string> }) {
  const paths: string[] = []
  const server = createServer((request, response) => {
    paths.push(request.url ?? '')
    const { status, headers } = answer(request.url ?? '')
    response.writeHead(status, { 'content-type': 'application/json', ...headers })
    response.end('{}')
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths }
}

/** A handler for one user whose Junction calls go to `baseUrl`, and the lines its logger kept. */
function portalHandler(overrides: Partial<EmbedHandlerOptions>) {
  const logs: { message: string; details: unknown }[] = []
  const embed = createEmbedHandler({
    junction: { apiKey: KEY, baseUrl: 'https://api.junction.com' },
    resolveUser: async () => ({ junctionUserId: 'u-1' }),
    logger: {
      warn: (message, details) => logs.push({ message, details }),
      error: (message, details) => logs.push({ message, details }),
    },
    ...overrides,
  })
  const signedUrl = () =>
    embed(
      new Request(`${ORIGIN}/api/portals/signed-url`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch' } }),
      }),
    )
  return { signedUrl, logs }
}

describe('a vendor call that fails', () => {
  it('refuses a redirect: the key never reaches where it points, and the answer is 502', async () => {
    const elsewhere = await listen(() => ({ status: 200 }))
    const vendor = await listen(() => ({ status: 307, headers: { location: `${elsewhere.origin}/stolen` } }))
    const { signedUrl, logs } = portalHandler({ junction: { apiKey: KEY, baseUrl: vendor.origin } })
    const response = await signedUrl()
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ error: 'upstream_unavailable' })
    expect(vendor.paths).toHaveLength(1)
    expect(elsewhere.paths).toEqual([])
    expect(logs).toEqual([
      {
        message: 'vendor call failed',
        details: expect.objectContaining({
          vendor: 'junction',
          failure: 'network',
          reason: 'TypeError: redirect refused: the vendor answered 307',
        }),
      },
    ])
  })

  it('logs the name and message of what fetch threw, without the URL or the key', async () => {
    const { signedUrl, logs } = portalHandler({
      fetch: async (input) => {
        throw new TypeError(`could not reach ${String(input)} with x-vital-api-key ${KEY}`)
      },
    })
    const response = await signedUrl()
    expect(response.status).toBe(502)
    expect(logs).toHaveLength(1)
    const [line] = logs
    expect(line?.message).toBe('vendor call failed')
    expect(line?.details).toMatchObject({
      failure: 'network',
      reason: 'TypeError: could not reach [link removed] with x-vital-api-key [redacted]',
    })
    expect(JSON.stringify(logs)).not.toMatch(/K3Y|api\.junction\.com|u-1/)
  })
})
