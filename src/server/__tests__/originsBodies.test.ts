// @vitest-environment node
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEmbedHandler } from '../createEmbedHandler.js'
import { toNodeHandler } from '../node.js'
import type { EmbedHandlerOptions } from '../options.js'

const ORIGIN = 'https://ehr.example.com'

/** A handler whose vendors answer `vendorUrl` for every signed URL; it records each vendor call. */
function handler(vendorUrl: string, overrides: Partial<EmbedHandlerOptions> = {}) {
  const vendorCalls: string[] = []
  const logs: string[] = []
  const embed = createEmbedHandler({
    junction: { apiKey: 'sk_test' },
    junctionManagement: { managementKey: 'mg_test', orgId: 'org-1' },
    userhub: { adminApiKey: 'uh_test' },
    resolveUser: async () => ({ junctionUserId: 'u-1', userhubUserId: 'uh-1' }),
    authorizeDashboard: async () => ({ integration_member_id: 'dr-who', integration_team_id: 'clinic-1' }),
    logger: {
      warn: (message, details) => logs.push(`${message} ${JSON.stringify(details)}`),
      error: (message, details) => logs.push(`${message} ${JSON.stringify(details)}`),
    },
    fetch: async (input) => {
      vendorCalls.push(String(input))
      return Response.json(
        String(input).includes('userhub') ? { redirectUrl: vendorUrl } : { url: vendorUrl, expires_in: 300 },
      )
    },
    ...overrides,
  })
  return { embed, vendorCalls, logs }
}

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(url).origin, ...headers },
    body: JSON.stringify(body),
  })
}

const billing = (returnUrl: string) => ({ target: { kind: 'userhub.portal', return_url: returnUrl } })

describe('return and success URLs: origins from configuration only', () => {
  it('refuses a return URL on the origin the request claims to be, when the server does not list it', async () => {
    const { embed, vendorCalls } = handler('https://acme.userhub.app/signin?token=T')
    // A request whose Host is evil.example, and whose Origin matches it: same-origin for the CSRF check.
    const response = await embed(post('https://evil.example/api/portals/signed-url', billing('https://evil.example/x')))
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({ fields: [{ path: 'target.return_url' }] })
    expect(vendorCalls).toEqual([])
  })

  it('accepts a return URL on an origin in allowedOrigins, and nothing else', async () => {
    const { embed } = handler('https://acme.userhub.app/signin?token=T', { allowedOrigins: [ORIGIN] })
    const ok = await embed(post(`${ORIGIN}/api/portals/signed-url`, billing(`${ORIGIN}/billing`)))
    expect(ok.status).toBe(200)
    const success = { target: { kind: 'userhub.portal', success_url: 'https://ehr.example.com.evil.example/' } }
    expect((await embed(post(`${ORIGIN}/api/portals/signed-url`, success))).status).toBe(422)
  })
})

describe('URLs the server hands out pass the URL-safety rules', () => {
  it.each([
    ['javascript:', 'javascript:alert(document.domain)'],
    ['plain http', 'http://portal.junction.com/p?token=T'],
    ['another origin', 'https://evil.example/p?token=T'],
    ['credentials', 'https://user@portal.junction.com/p?token=T'],
  ])('answers 502 for a signed URL with %s, and never shows or logs it', async (_, url) => {
    const { embed, logs } = handler(url)
    for (const target of [
      { kind: 'junction.user_portal', context: 'launch' },
      { kind: 'junction.dashboard', feature: 'team_panels', modality: 'link_out', environment: 'sandbox' },
      { kind: 'userhub.portal' },
    ]) {
      const response = await embed(post(`${ORIGIN}/api/portals/signed-url`, { target }))
      expect(response.status, target.kind).toBe(502)
      const text = await response.text()
      expect(text).toContain('upstream_unavailable')
      expect(text).not.toContain('token=T')
    }
    expect(logs.join('\n')).toContain('urlPolicy refuses')
    expect(logs.join('\n')).not.toContain('token=T')
  })

  it('hands out the vendors’ https URLs by default', async () => {
    const { embed } = handler('https://portal.junction.com/p?token=T')
    const response = await embed(
      post(`${ORIGIN}/api/portals/signed-url`, { target: { kind: 'junction.user_portal', context: 'launch' } }),
    )
    expect(await response.json()).toEqual({ url: 'https://portal.junction.com/p?token=T', expires_in: 300 })
  })

  it('takes urlPolicy to widen or narrow the list (a simulator on loopback)', async () => {
    const local = handler('http://127.0.0.1:4010/junction/portal?token=T', {
      urlPolicy: { allowedOrigins: ['http://127.0.0.1:4010'], allowInsecureLocalhost: true },
    })
    const target = { kind: 'junction.user_portal', context: 'launch' }
    expect((await local.embed(post(`${ORIGIN}/api/portals/signed-url`, { target }))).status).toBe(200)
    const narrow = handler('https://portal.junction.com/p?token=T', {
      urlPolicy: { allowedOrigins: ['https://x.junction.com'] },
    })
    expect((await narrow.embed(post(`${ORIGIN}/api/portals/signed-url`, { target }))).status).toBe(502)
  })

  it('never redirects the continuation to an unsafe Location', async () => {
    const query =
      'integration_member_id=m&integration_team_id=t&modality=link_out&feature=team_panels&environment=sandbox'
    for (const url of ['javascript:alert(1)', 'http://evil.example/x']) {
      const { embed } = handler(url)
      const response = await embed(new Request(`${ORIGIN}/api/portals/junction/continue?${query}`))
      expect(response.status, url).toBe(502)
      expect(response.headers.get('location')).toBeNull()
    }
    const { embed } = handler('https://acme.ehr.junction.com/s?token=T')
    const response = await embed(new Request(`${ORIGIN}/api/portals/junction/continue?${query}`))
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe('https://acme.ehr.junction.com/s?token=T')
  })
})

describe('the endpoint’s own mistakes, named', () => {
  it('answers a path under no route with the routes it serves, and logs only whether it was under basePath', async () => {
    const { embed, logs } = handler('https://portal.junction.com/p')
    for (const path of ['/api/portal/signed-url', '/signed-url', '/api/portals/signed-urls']) {
      const response = await embed(post(`${ORIGIN}${path}`, {}))
      expect(response.status, path).toBe(404)
      const { message } = (await response.json()) as { message: string }
      expect(message).toContain('/api/portals/signed-url, /api/portals/demographics')
      expect(message).toContain('basePath')
    }
    expect(logs[0]).toContain('"underBasePath":false')
    await embed(post(`${ORIGIN}/api/portals/portals/p-secret/users/jane%40example.com/x`, {}))
    expect(logs.at(-1)).toContain('"underBasePath":true')
    expect(logs.join('\n')).not.toMatch(/p-secret|jane|signed-urls/)
  })

  it('says so when the body was read before the handler got it', async () => {
    const { embed, vendorCalls } = handler('https://portal.junction.com/p')
    const request = post(`${ORIGIN}/api/portals/signed-url`, {
      target: { kind: 'junction.user_portal', context: 'launch' },
    })
    await request.text()
    const response = await embed(request)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ message: expect.stringContaining('before any body parser') })
    expect(vendorCalls).toEqual([])
  })
})

describe('request bodies: limits before reading, and a deadline', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  function stalled(first: string): ReadableStream<Uint8Array> {
    return new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(first))
      },
    })
  }

  it('answers 408 when the body has not arrived after 10 s, not at 9,999 ms', async () => {
    vi.useFakeTimers()
    const { embed, vendorCalls } = handler('https://portal.junction.com/p')
    const request = new Request(`${ORIGIN}/api/portals/signed-url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: stalled('{"target":'),
      duplex: 'half',
    } as RequestInit)
    let answer: Response | undefined
    void embed(request).then((response) => {
      answer = response
    })
    await vi.advanceTimersByTimeAsync(9_999)
    expect(answer).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(answer?.status).toBe(408)
    expect(await answer?.json()).toMatchObject({ error: 'timeout' })
    expect(vendorCalls).toEqual([])
  })

  describe('over node:http (toNodeHandler)', () => {
    let server: Server | undefined
    afterEach(async () => {
      server?.closeAllConnections()
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      server = undefined
    })

    async function listen(options: Partial<EmbedHandlerOptions> = {}) {
      const { embed } = handler('https://portal.junction.com/p', options)
      const listening = createServer((request, response) => void toNodeHandler(embed)(request, response))
      server = listening
      await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve))
      return (listening.address() as AddressInfo).port
    }

    /** Sends the head and `sent` bytes of a body that declares `declared`, then waits for the status line. */
    function partial(port: number, path: string, declared: number, sent: string): Promise<string> {
      return new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
              `Content-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n${sent}`,
          )
        })
        socket.setEncoding('utf8')
        socket.once('data', (chunk: string) => {
          socket.destroy()
          resolve(chunk.split('\r\n')[0] ?? '')
        })
        socket.once('error', reject)
      })
    }

    it('refuses an admin route before its body arrives: nothing is buffered for a refused request', async () => {
      const port = await listen({ portalAdmin: { apiKey: 'k', baseUrl: 'https://admin.vendor.test' } })
      const status = await partial(port, '/api/portals/portals/p1/users', 1_000_000, '{"users":[')
      expect(status).toBe('HTTP/1.1 403 Forbidden')
    })

    it('answers 408 to a body that stalls, within bodyTimeoutMs', async () => {
      const port = await listen({ bodyTimeoutMs: 200 })
      const started = Date.now()
      const status = await partial(port, '/api/portals/signed-url', 100, '{"target":')
      expect(status).toBe('HTTP/1.1 408 Request Timeout')
      expect(Date.now() - started).toBeLessThan(5_000)
    })

    it('answers 413 to an oversize body once 16 KB are read', async () => {
      const port = await listen()
      const status = await partial(port, '/api/portals/signed-url', 1_000_000, `{"target":"${'x'.repeat(17_000)}`)
      expect(status).toBe('HTTP/1.1 413 Payload Too Large')
    })

    it('takes the forwarded host the nearest proxy set, not the first one the client sent', async () => {
      const { embed } = handler('https://portal.junction.com/p')
      const listening = createServer(
        (request, response) => void toNodeHandler(embed, { trustProxy: true })(request, response),
      )
      server = listening
      await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve))
      const port = (listening.address() as AddressInfo).port
      const send = (forwardedHost: string) =>
        fetch(`http://127.0.0.1:${port}/api/portals/signed-url`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            origin: ORIGIN,
            'x-forwarded-proto': 'https',
            'x-forwarded-host': forwardedHost,
          },
          body: JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch' } }),
        })
      expect((await send('evil.example, ehr.example.com')).status).toBe(200)
      expect((await send('ehr.example.com, evil.example')).status).toBe(403)
    })
  })
})
