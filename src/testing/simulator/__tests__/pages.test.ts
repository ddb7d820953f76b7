// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { base64UrlDecodeJson, base64UrlEncodeJson } from '../base64url.js'
import { createVendorSimulator } from '../simulator.js'
import { call, openPage, portalUrlFor } from './helpers.js'

const ORDER_ID = '0b8f2f7e-5a34-4c5d-8e61-7f0a9b1c2d3e'

afterEach(() => {
  vi.useRealTimers()
})

/** The same token with one claim changed, still valid JSON, still carrying the original signature. */
function withClaim(url: string, claim: string, value: unknown): string {
  const parsed = new URL(url)
  const [header, payload, signature] = (parsed.searchParams.get('token') ?? '').split('.')
  const claims = base64UrlDecodeJson(payload ?? '') as Record<string, unknown>
  parsed.searchParams.set('token', `${header}.${base64UrlEncodeJson({ ...claims, [claim]: value })}.${signature}`)
  return parsed.toString()
}

describe('pages: the Junction User Portal', () => {
  it('opens once: a small accessible page, inline code only by nonce, not frameable', async () => {
    const simulator = createVendorSimulator()
    const { url, userId } = await portalUrlFor(simulator)
    const page = await openPage(simulator, url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.html).toContain('<html lang="en">')
    expect(page.html).toContain('<title>Junction User Portal</title>')
    expect(page.html).toContain('<h1>Junction User Portal</h1>')
    expect(page.html).toContain('<dt>Context</dt><dd>launch</dd>')
    expect(page.html).toContain(userId)
    expect(page.html).not.toMatch(/\b(?:src|href)=/)
    const csp = page.headers.get('content-security-policy') ?? ''
    const nonce = /script-src 'nonce-([\w-]+)'/.exec(csp)?.[1]
    expect(nonce).toBeDefined()
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(page.html).toContain(`<style nonce="${nonce}">`)
    expect(page.headers.get('cache-control')).toBe('no-store')
    expect(simulator.state.issuedTokens()[0]?.usedAt).toEqual(expect.any(Number))

    const second = await openPage(simulator, url)
    expect(second.status).toBe(410)
    expect(second.html).toContain('<h1>This link has already been used</h1>')
    expect(second.html).toContain('<html lang="en">')
  })

  it('shows the deep-linked order and the communications context', async () => {
    const simulator = createVendorSimulator()
    const { url } = await portalUrlFor(simulator, { context: 'communications', order_id: ORDER_ID })
    const page = await openPage(simulator, url)
    expect(page.html).toContain('<dt>Context</dt><dd>communications</dd>')
    expect(page.html).toContain(`<dt>Order</dt><dd>${ORDER_ID}</dd>`)
  })

  it('says expired once the lifetime has passed on the simulator clock, and not before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'))
    const simulator = createVendorSimulator()
    const early = await portalUrlFor(simulator)
    const late = await portalUrlFor(simulator)
    vi.setSystemTime(new Date('2026-01-01T00:04:59.999Z'))
    expect((await openPage(simulator, early.url)).status).toBe(200)
    vi.setSystemTime(new Date('2026-01-01T00:05:00Z'))
    const expired = await openPage(simulator, late.url)
    expect(expired.status).toBe(410)
    expect(expired.html).toContain('<h1>This link has expired</h1>')
    expect(simulator.state.issuedTokens()[1]?.usedAt).toBeNull()
  })

  it('says expired at once for a lifetime of 0', async () => {
    const simulator = createVendorSimulator({ expiresIn: { launch: 0 } })
    const { url, expires_in } = await portalUrlFor(simulator)
    expect(expires_in).toBe(0)
    expect((await openPage(simulator, url)).html).toContain('This link has expired')
  })

  it('says not valid for changed claims, another signing secret, another page, or no token', async () => {
    const simulator = createVendorSimulator({ signingSecret: 'one' })
    const { url } = await portalUrlFor(simulator, { context: 'launch' })
    for (const tampered of [withClaim(url, 'exp', 4_102_444_800), withClaim(url, 'kind', 'junction.dashboard')]) {
      const page = await openPage(simulator, tampered)
      expect(page.status).toBe(401)
      expect(page.html).toContain('<h1>This link is not valid</h1>')
    }
    const other = createVendorSimulator({ signingSecret: 'two' })
    const foreign = await portalUrlFor(other)
    expect(
      (await openPage(simulator, foreign.url.replace(other.baseUrls.pages, simulator.baseUrls.pages))).status,
    ).toBe(401)
    const onDashboard = url.replace('/junction/portal?', '/junction/dashboard?')
    expect((await openPage(simulator, onDashboard)).status).toBe(401)
    expect((await openPage(simulator, `${simulator.baseUrls.pages}/junction/portal`)).status).toBe(401)
    expect((await openPage(simulator, `${simulator.baseUrls.pages}/junction/portal?token=a.b.c`)).status).toBe(401)
    expect(simulator.state.issuedTokens()[0]?.usedAt).toBeNull()
    expect((await openPage(simulator, url)).status).toBe(200)
  })

  it('forgets its tokens on reset(), even when a seeded sequence hands out the same token ids again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const simulator = createVendorSimulator({ seed: 5 })
    const before = await portalUrlFor(simulator)
    simulator.reset()
    const after = await portalUrlFor(simulator)
    const jtiOf = (url: string) => {
      const payload = new URL(url).searchParams.get('token')?.split('.')[1] ?? ''
      return (base64UrlDecodeJson(payload) as { jti: string }).jti
    }
    expect(jtiOf(after.url)).toBe(jtiOf(before.url))
    expect(after.url).not.toBe(before.url)
    expect((await openPage(simulator, before.url)).status).toBe(401)
    expect((await openPage(simulator, after.url)).status).toBe(200)
  })

  it('answers 404 for an unknown page and 405 for a POST', async () => {
    const simulator = createVendorSimulator()
    expect((await openPage(simulator, `${simulator.baseUrls.pages}/nowhere`)).status).toBe(404)
    const post = await simulator.handle(new Request(`${simulator.baseUrls.pages}/junction/portal`, { method: 'POST' }))
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET')
  })
})

describe('pages: the UserHub billing portal', () => {
  async function redirectUrl(body: Record<string, string>) {
    const simulator = createVendorSimulator()
    simulator.seedUserhubUser('usr_1')
    const session = await call<{ redirectUrl: string }>(
      simulator,
      'userhub',
      'POST',
      '/admin/v1/users/usr_1:createPortalSession',
      {
        body,
      },
    )
    return { simulator, url: session.body.redirectUrl }
  }

  it('shows the billing portal with a link back to returnUrl, once', async () => {
    const { simulator, url } = await redirectUrl({
      portalUrl: '/{accountId}/plans',
      returnUrl: 'https://app.example.com/a?b=1&c=2',
    })
    const page = await openPage(simulator, url)
    expect(page.status).toBe(200)
    expect(page.html).toContain('<title>Billing portal</title>')
    expect(page.html).toContain('<h1>Billing portal</h1>')
    expect(page.html).toContain('<dt>Page</dt><dd>/usr_1/plans</dd>')
    expect(page.html).toContain('<a href="https://app.example.com/a?b=1&amp;c=2">Return to app</a>')
    expect((await openPage(simulator, url)).html).toContain('This link has already been used')
  })

  it('has no return link without a returnUrl', async () => {
    const { simulator, url } = await redirectUrl({})
    const page = await openPage(simulator, url)
    expect(page.status).toBe(200)
    expect(page.html).not.toContain('Return to app')
  })
})
