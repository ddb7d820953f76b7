import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runConformance } from '../../src/conformance/run.js'
import { SAMPLE_DEMOGRAPHICS } from '../../src/testing/index.js'
import { type RunningPythonEndpoint, startPythonEndpoint } from '../support/python-endpoint.js'

const ORDER = '0f8fad5b-d9cb-469f-a165-70867728950e'

function signedUrl(running: RunningPythonEndpoint, target: Record<string, unknown>) {
  return fetch(`${running.endpoint}/signed-url`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ target }),
  })
}

/** A raw connection to the endpoint, and a promise of how many ms after opening the server closed it. */
function open(running: RunningPythonEndpoint): { socket: Socket; closed: Promise<number> } {
  const started = Date.now()
  const socket = connect(running.port, '127.0.0.1')
  socket.on('error', () => undefined)
  socket.resume()
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)))
  return { socket, closed }
}

/** Resolves `'open'` unless `closed` settles first, within `ms`. */
function within(closed: Promise<number>, ms: number): Promise<number | 'open'> {
  return Promise.race([closed, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), ms))])
}

// examples/python-endpoint: the wire protocol in Python's standard library, against the simulator.
describe('the Python reference endpoint', () => {
  let running: RunningPythonEndpoint

  beforeAll(async () => {
    // A patient with no demographics yet, so that the check sees demographics_required too.
    running = await startPythonEndpoint([], 'conformance-patient')
  })
  afterAll(async () => {
    await running?.stop()
  })

  it('passes every rule of the conformance check, the slow one too, for every target kind', async () => {
    const results = await runConformance({
      endpoint: running.endpoint,
      targets: ['junction.user_portal', 'junction.dashboard', 'userhub.portal'],
      slow: true,
    })
    expect(results.filter((result) => !result.passed)).toEqual([])
    // It serves no portal administration, so no route has an id in its path.
    expect(results.filter((result) => result.skipped).map((result) => result.rule)).toEqual(['errors.path-id'])
    expect(results).toHaveLength(27)
  }, 30_000)

  it("prints one audit event per request on stdout, as JSON lines of the same shape as createEmbedHandler's", async () => {
    const before = running.stdout().length
    const response = await fetch(`${running.endpoint}/signed-url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'py-req-1' },
      body: JSON.stringify({ target: { kind: 'userhub.portal' } }),
    })
    const { redirectUrl } = (await response.json()) as { redirectUrl: string }
    expect(response.headers.get('x-request-id')).toBe('py-req-1')
    const printed = running.stdout().slice(before)
    expect(printed.map((line) => JSON.parse(line))).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        requestId: 'py-req-1',
        route: '/signed-url',
        method: 'POST',
        action: { type: 'signed-url', target: { kind: 'userhub.portal' } },
        user: { clientUserId: 'conformance-patient', userhubUserId: 'usr_demo' },
        decision: 'allowed',
        status: 200,
        vendor: 'userhub',
        durationMs: expect.any(Number),
      },
    ])
    // Every event of the run (the conformance check's requests included): no signed URL, token or key.
    const all = running.stdout().filter((line) => line.startsWith('{'))
    expect(all.length).toBeGreaterThan(27)
    for (const secret of [redirectUrl, new URL(redirectUrl).searchParams.get('token') ?? '', ...running.keys]) {
      for (const line of all) expect(line).not.toContain(secret)
    }
    expect(all.join('\n')).not.toContain('token=')
  })
})

describe('the Python reference endpoint’s own rules, as createEmbedHandler’s', () => {
  let running: RunningPythonEndpoint

  beforeAll(async () => {
    running = await startPythonEndpoint(['https://app.strasse-clinic.com'])
  })
  afterAll(async () => {
    await running?.stop()
  })

  it.each([
    ['order creation for a named patient', `order_creation:${ORDER}`],
    ['an order', `order:${ORDER}`],
    ['the team configuration', 'team_config'],
  ])('refuses a dashboard for %s with 403, as defaultAuthorize does', async (_, feature) => {
    const response = await signedUrl(running, {
      kind: 'junction.dashboard',
      feature,
      modality: 'feature_embed',
      environment: 'sandbox',
    })
    expect(response.status).toBe(403)
  })

  it('answers 422 naming target.feature for a feature it does not know', async () => {
    const target = {
      kind: 'junction.dashboard',
      feature: 'anything_at_all',
      modality: 'link_out',
      environment: 'sandbox',
    }
    const response = await signedUrl(running, target)
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({ fields: [{ path: 'target.feature' }] })
  })

  it('refuses a return URL whose host is not ASCII, rather than reading straße as strasse', async () => {
    const refused = await signedUrl(running, {
      kind: 'userhub.portal',
      return_url: 'https://app.straße-clinic.com/billing',
    })
    expect(refused.status).toBe(422)
    expect(await refused.json()).toMatchObject({ fields: [{ path: 'target.return_url' }] })
    const allowed = await signedUrl(running, {
      kind: 'userhub.portal',
      return_url: 'https://app.strasse-clinic.com/billing',
    })
    expect(allowed.status).toBe(200)
  })

  it('hands out no URL that has already expired: 502', async () => {
    const vendor = running.simulator.simulator
    vendor.configure({ expiresIn: { launch: 0 } })
    try {
      const response = await signedUrl(running, { kind: 'junction.user_portal', context: 'launch' })
      expect(response.status).toBe(502)
      expect(await response.text()).not.toContain('token')
    } finally {
      vendor.configure({ expiresIn: { launch: 300 } })
    }
  })

  it('always sends Retry-After with a 429, 5 s when the vendor named no wait', async () => {
    running.simulator.simulator.fail({ api: 'junction', kind: 'rate_limit' })
    const response = await signedUrl(running, { kind: 'junction.user_portal', context: 'launch' })
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('5')
  })

  it('passes on at most 50 of a vendor’s field errors', async () => {
    const fields = Array.from({ length: 120 }, (_, i) => ({ path: `address.line${i}`, message: 'is wrong' }))
    running.simulator.simulator.fail({ api: 'junction', kind: 'unprocessable', fields })
    const response = await fetch(`${running.endpoint}/demographics`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SAMPLE_DEMOGRAPHICS),
    })
    expect(response.status).toBe(422)
    expect(((await response.json()) as { fields: unknown[] }).fields).toHaveLength(50)
  })

  it('refuses a backslash in a return URL', async () => {
    const target = { kind: 'userhub.portal', return_url: 'https://app.strasse-clinic.com:443\\@evil.net/' }
    const response = await signedUrl(running, target)
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({
      fields: [{ path: 'target.return_url', message: 'must not contain a backslash' }],
    })
  })
})

describe('the Python reference endpoint under slow and greedy clients', () => {
  let running: RunningPythonEndpoint

  beforeAll(async () => {
    running = await startPythonEndpoint([], 'demo-patient', { HEADER_TIMEOUT_S: '3', MAX_CONNECTIONS: '2' })
  })
  afterAll(async () => {
    await running?.stop()
  })

  it('closes a connection whose headers do not all arrive within HEADER_TIMEOUT_S, however it trickles', async () => {
    const { socket, closed } = open(running)
    socket.write('GET /api/portals/demographics HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    const trickle = setInterval(() => socket.write('X'), 200)
    try {
      const after = await within(closed, 8_000)
      expect(after).not.toBe('open')
      expect(after).toBeGreaterThanOrEqual(2_900)
    } finally {
      clearInterval(trickle)
      socket.destroy()
    }
  }, 10_000)

  it('closes connections past MAX_CONNECTIONS at once, and serves again once they are gone', async () => {
    const first = open(running)
    const second = open(running)
    await new Promise((resolve) => setTimeout(resolve, 150))
    const third = open(running)
    try {
      // Well before HEADER_TIMEOUT_S (3 s) would close it had it been served.
      expect(await within(third.closed, 1_500)).not.toBe('open')
    } finally {
      for (const { socket } of [first, second, third]) socket.destroy()
    }
    await Promise.all([first.closed, second.closed])
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await fetch(`${running.endpoint}/demographics`)).status).toBe(200)
  })
})
