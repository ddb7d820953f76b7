// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createEmbedHandler } from '../createEmbedHandler.js'
import type { EmbedHandlerOptions } from '../options.js'

const ORIGIN = 'https://ehr.example.com'
const SIGNED = 'https://portal.junction.com/p?token=SIGNED'
const portal = JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch' } })
const CONTINUE = `${ORIGIN}/api/portals/junction/continue?feature=order_creation&modality=link_out&environment=sandbox`

/** A handler whose every vendor call is answered by `vendor`, with a logger that keeps its lines. */
function handler(vendor: () => Response, overrides: Partial<EmbedHandlerOptions> = {}) {
  const logs: string[] = []
  const embed = createEmbedHandler({
    junction: { apiKey: 'sk_test' },
    junctionManagement: { managementKey: 'mg_test', orgId: 'org-1' },
    resolveUser: async () => ({ junctionUserId: 'u-1' }),
    authorizeDashboard: async () => ({ integration_member_id: 'dr-1', integration_team_id: 'clinic-1' }),
    fetch: async () => vendor(),
    logger: {
      warn: (message, details) => logs.push(`warn ${message} ${JSON.stringify(details)}`),
      error: (message, details) => logs.push(`error ${message} ${JSON.stringify(details)}`),
    },
    ...overrides,
  })
  const signedUrl = () =>
    embed(
      new Request(`${ORIGIN}/api/portals/signed-url`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: portal,
      }),
    )
  return { embed, signedUrl, logs }
}

describe('a signed URL that has already expired is never handed out', () => {
  it.each([0, -30])('answers 502 for expires_in %s, logged without the URL', async (expiresIn) => {
    const { signedUrl, logs } = handler(() => Response.json({ url: SIGNED, expires_in: expiresIn }))
    const response = await signedUrl()
    expect(response.status).toBe(502)
    const text = await response.text()
    expect(JSON.parse(text)).toMatchObject({ error: 'upstream_unavailable' })
    expect(text).not.toContain('SIGNED')
    expect(logs.join('\n')).toContain('vendor answered a signed URL that has already expired')
    expect(logs.join('\n')).not.toContain('SIGNED')
  })

  it('does the same on the continuation: no redirect to an expired dashboard', async () => {
    const { embed } = handler(() => Response.json({ url: SIGNED, expires_in: 0 }))
    const response = await embed(new Request(CONTINUE))
    expect(response.status).toBe(502)
    expect(response.headers.get('location')).toBeNull()
  })

  it('still hands out a short lifetime, with the warning about its range', async () => {
    const { signedUrl, logs } = handler(() => Response.json({ url: SIGNED, expires_in: 5 }))
    const response = await signedUrl()
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ url: SIGNED, expires_in: 5 })
    expect(logs.join('\n')).toContain('expires_in outside 10 s to 60 days')
  })
})

describe('a 429 always carries Retry-After', () => {
  it('sends 5 s when the vendor named no wait', async () => {
    const { signedUrl } = handler(() => Response.json({ detail: 'slow down' }, { status: 429 }))
    const response = await signedUrl()
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('5')
  })

  it.each([
    ['seconds', '12', '12'],
    ['an HTTP date', 'Wed, 21 Oct 2026 07:28:00 GMT', 'Wed, 21 Oct 2026 07:28:00 GMT'],
    ['something else', 'soon', '5'],
  ])('passes on the vendor’s own when it is %s', async (_, sent, answered) => {
    const { signedUrl } = handler(() => new Response('{}', { status: 429, headers: { 'retry-after': sent } }))
    expect((await signedUrl()).headers.get('retry-after')).toBe(answered)
  })
})

describe('the continuation answers every error with a page', () => {
  function expectPage(response: Response, status: number) {
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'")
    expect(response.headers.get('cache-control')).toBe('no-store')
  }

  it.each([429, 503])('keeps the vendor’s Retry-After on its %s page', async (status) => {
    const { embed } = handler(() => new Response('{}', { status, headers: { 'retry-after': '7' } }))
    const response = await embed(new Request(CONTINUE))
    expectPage(response, status)
    expect(response.headers.get('retry-after')).toBe('7')
  })

  it('answers a method it does not serve with a 405 page that says Allow', async () => {
    const { embed } = handler(() => Response.json({}))
    const response = await embed(new Request(CONTINUE, { method: 'POST', body: '{}' }))
    expectPage(response, 405)
    expect(response.headers.get('allow')).toBe('GET')
  })

  it('answers a failure of the server itself with a 500 page', async () => {
    const { embed } = handler(() => Response.json({}), {
      resolveUser: async () => {
        throw new Error('session store down')
      },
    })
    expectPage(await embed(new Request(CONTINUE)), 500)
  })

  it('answers an invalid link with its 400 page, as before', async () => {
    const { embed } = handler(() => Response.json({}))
    expectPage(await embed(new Request(`${ORIGIN}/api/portals/junction/continue?feature=%00`)), 400)
  })
})
