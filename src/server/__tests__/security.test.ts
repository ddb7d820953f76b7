// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import { createEmbedHandler } from '../createEmbedHandler.js'
import type { EmbedHandlerOptions } from '../options.js'

const ORIGIN = 'https://ehr.example.com'
const KEY = 'sk_live_SECRET_KEY_123'

function handler(overrides: Partial<EmbedHandlerOptions> = {}) {
  const vendorCalls: string[] = []
  const fetchVendor = vi.fn(async (input: RequestInfo | URL) => {
    vendorCalls.push(String(input))
    return Response.json({ url: 'https://portal.junction.com/p?token=SIGNED', expires_in: 300 })
  })
  const embed = createEmbedHandler({
    junction: { apiKey: KEY },
    resolveUser: async () => ({ junctionUserId: 'u-1' }),
    fetch: fetchVendor,
    ...overrides,
  })
  return { embed, vendorCalls }
}

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}/api/portals${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body,
  })
}

const portal = JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch' } })

describe('createEmbedHandler: cross-site writes', () => {
  it('serves a same-origin write', async () => {
    const { embed } = handler()
    const response = await embed(post('/signed-url', portal))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ url: 'https://portal.junction.com/p?token=SIGNED', expires_in: 300 })
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('refuses a write whose Origin is another site, before any vendor call', async () => {
    const { embed, vendorCalls } = handler()
    const response = await embed(post('/signed-url', portal, { origin: 'https://evil.example' }))
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: 'forbidden' })
    expect(vendorCalls).toEqual([])
  })

  it('says what it compared: the Origin received, the server origin and the option; the logger gets the headers seen', async () => {
    const warnings: unknown[] = []
    const { embed } = handler({ logger: { warn: (_m, details) => warnings.push(details), error: () => {} } })
    const response = await embed(
      post('/signed-url', portal, { origin: 'http://127.0.0.1:5173', 'x-forwarded-host': 'ehr.example.com' }),
    )
    const body = (await response.json()) as { message: string }
    expect(body.message).toContain('"http://127.0.0.1:5173"')
    expect(body.message).toContain(ORIGIN)
    expect(body.message).toContain("server's allowedOrigins option")
    expect(warnings).toEqual([
      expect.objectContaining({
        route: '/signed-url',
        origin: 'http://127.0.0.1:5173',
        serverOrigin: ORIGIN,
        forwardedHost: 'ehr.example.com',
        option: 'allowedOrigins',
      }),
    ])
  })

  it('accepts an Origin listed in allowedOrigins, with wildcards', async () => {
    const { embed } = handler({ allowedOrigins: ['https://*.example.org'] })
    expect((await embed(post('/signed-url', portal, { origin: 'https://app.example.org' }))).status).toBe(200)
    expect((await embed(post('/signed-url', portal, { origin: 'https://example.org.evil.com' }))).status).toBe(403)
  })

  it('refuses the opaque "null" origin and a cross-site Sec-Fetch-Site without Origin', async () => {
    const { embed } = handler()
    expect((await embed(post('/signed-url', portal, { origin: 'null' }))).status).toBe(403)
    const noOrigin = new Request(`${ORIGIN}/api/portals/signed-url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: portal,
    })
    expect((await embed(noOrigin)).status).toBe(403)
  })
})

describe('createEmbedHandler: request bodies', () => {
  it('requires a JSON content type (a form post cannot pass)', async () => {
    const { embed } = handler()
    const response = await embed(post('/signed-url', portal, { 'content-type': 'text/plain' }))
    expect(response.status).toBe(415)
    expect(await response.json()).toMatchObject({ error: 'validation_error' })
  })

  it('refuses a body over 16 KB, whether or not it declares its length', async () => {
    const { embed, vendorCalls } = handler()
    const big = JSON.stringify({
      target: { kind: 'junction.user_portal', context: 'launch', subject: 'x'.repeat(17_000) },
    })
    expect((await embed(post('/signed-url', big))).status).toBe(413)
    const streamed = new Request(`${ORIGIN}/api/portals/signed-url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect((await embed(streamed)).status).toBe(413)
    expect(vendorCalls).toEqual([])
  })

  it('refuses malformed JSON, non-objects, unknown fields and unknown target kinds, saying which', async () => {
    const { embed } = handler()
    expect((await embed(post('/signed-url', '{"target":'))).status).toBe(400)
    expect((await embed(post('/signed-url', '[]'))).status).toBe(422)
    const unknownKind = await embed(post('/signed-url', JSON.stringify({ target: { kind: 'stripe.portal' } })))
    expect(unknownKind.status).toBe(422)
    expect(await unknownKind.json()).toMatchObject({ error: 'validation_error', fields: [{ path: 'target.kind' }] })
    const extra = await embed(
      post(
        '/signed-url',
        JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch', user_id: 'x' }, admin: true }),
      ),
    )
    expect(await extra.json()).toMatchObject({
      fields: [
        { path: 'admin', message: 'is not a field of this request' },
        { path: 'target.user_id', message: 'is not a field of this target' },
      ],
    })
  })
})

describe('createEmbedHandler: paths, methods and ids', () => {
  it('answers 404 outside basePath and for unknown routes, 405 with Allow for a wrong method', async () => {
    const { embed } = handler()
    expect((await embed(new Request(`${ORIGIN}/other`))).status).toBe(404)
    expect((await embed(new Request(`${ORIGIN}/api/portals/nope`))).status).toBe(404)
    const wrong = await embed(new Request(`${ORIGIN}/api/portals/signed-url`))
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST')
  })

  it('refuses hostile ids in admin paths before asking anyone', async () => {
    const authorize = vi.fn(async () => true)
    const { embed, vendorCalls } = handler({
      portalAdmin: { apiKey: KEY, baseUrl: 'https://admin.vendor.test' },
      authorize,
    })
    // URL parsing already folds literal dot segments away: those land on no route.
    for (const id of ['..', '.', '%2E%2E']) {
      expect((await embed(new Request(`${ORIGIN}/api/portals/portals/${id}/users`))).status, id).toBeGreaterThanOrEqual(
        404,
      )
    }
    for (const id of ['.%2E%2Fx', '..%2F..%2Fsecrets', '%00', 'a%0D%0ASet-Cookie:x', 'x'.repeat(257), '%E0%A4%A']) {
      const response = await embed(new Request(`${ORIGIN}/api/portals/portals/${id}/users`))
      expect(response.status, id).toBe(400)
    }
    expect(authorize).not.toHaveBeenCalled()
    expect(vendorCalls).toEqual([])
  })

  it('refuses a basePath that is not a path', () => {
    expect(() => createEmbedHandler({ basePath: 'api', resolveUser: async () => null })).toThrow(/basePath/)
  })
})
