import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { runConformanceCli } from '../../src/conformance/cli.js'
import { runConformance } from '../../src/conformance/run.js'
import { createEmbedHandler } from '../../src/server/createEmbedHandler.js'
import { toNodeHandler } from '../../src/server/node.js'
import { createVendorSimulator, simulatorHandlerOptions } from '../../src/testing/index.js'

const servers: Server[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

/** What a broken endpoint does to a request, or to the real handler's answer. */
type Breakage = (request: Request, answer: (request: Request) => Promise<Response>) => Promise<Response>

/** createEmbedHandler over the simulator, served over real HTTP on loopback, possibly broken on purpose. */
async function serve(breakage?: Breakage): Promise<string> {
  const simulator = createVendorSimulator()
  simulator.seedUserhubUser('usr_conformance')
  const handler = createEmbedHandler({
    ...simulatorHandlerOptions(simulator),
    fetch: (input, init) => simulator.handle(new Request(input, init)),
    resolveUser: async () => ({ clientUserId: 'conformance-user', userhubUserId: 'usr_conformance' }),
    authorizeDashboard: async () => ({ team_id: simulator.teamId }),
  })
  const served = breakage
    ? Object.assign((request: Request) => breakage(request, handler), { basePath: handler.basePath })
    : handler
  const server = createServer(toNodeHandler(served))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/portals`
}

async function failures(endpoint: string, targets = ['junction.user_portal'] as const) {
  const results = await runConformance({ endpoint, targets })
  return results.filter((result) => !result.passed)
}

const ALL = ['junction.user_portal', 'junction.dashboard', 'userhub.portal'] as const

describe('embedded-portals-conformance', () => {
  it('passes createEmbedHandler over the simulator, every rule and every target kind', async () => {
    const endpoint = await serve()
    const results = await runConformance({ endpoint, targets: ALL })
    expect(results.filter((result) => !result.passed)).toEqual([])
    expect(results.map((result) => result.rule)).toEqual([
      'demographics.read',
      'demographics.save',
      'signed-url.junction.user_portal',
      'signed-url.junction.dashboard',
      'signed-url.userhub.portal',
      'errors.invalid-target',
      'errors.invalid-json',
      'errors.content-type',
      'errors.unknown-route',
      'errors.method',
      'csrf.signed-url',
      'csrf.demographics',
      'messages.no-secrets',
      'answers.within-timeout',
    ])
  })

  it('prints one line per rule and exits 0, with no signed URL in what it prints', async () => {
    const endpoint = await serve()
    let out = ''
    const code = await runConformanceCli(['--endpoint', endpoint, '--target', 'junction.dashboard'], {
      write: (text) => {
        out += text
      },
    })
    expect(code).toBe(0)
    const lines = out.trim().split('\n')
    expect(lines.filter((line) => line.startsWith('PASS  '))).toHaveLength(12)
    expect(lines.at(-1)).toBe(`12 passed, 0 failed: ${endpoint}`)
    expect(out).toMatch(/PASS {2}signed-url\.junction\.dashboard +200 application\/json /)
    expect(out).not.toContain('token=')
  })

  it('fails an endpoint that answers an unknown route with an HTML 404, naming the rule', async () => {
    const endpoint = await serve(async (request, answer) =>
      new URL(request.url).pathname.endsWith('/conformance-unknown-route')
        ? new Response('<!doctype html><title>Not Found</title>', {
            status: 404,
            headers: { 'content-type': 'text/html' },
          })
        : answer(request),
    )
    expect(await failures(endpoint)).toEqual([
      {
        rule: 'errors.unknown-route',
        passed: false,
        saw: 'expected a JSON error body, saw 404 text/html "<!doctype html><title>Not Found</title>"',
      },
    ])
  })

  it('fails an endpoint that puts a signed URL in an error message', async () => {
    let lastUrl = ''
    const endpoint = await serve(async (request, answer) => {
      const response = await answer(request)
      const body = (await response.clone().json()) as { url?: string; error?: string; message?: string }
      if (body.url) lastUrl = body.url
      if (response.status !== 422 || !lastUrl) return response
      return Response.json({ ...body, message: `Could not open ${lastUrl}` }, { status: 422 })
    })
    const failed = await failures(endpoint)
    expect(failed.map((result) => result.rule)).toEqual(['messages.no-secrets'])
    expect(failed[0]?.saw).toBe('POST /signed-url (422) holds a signed URL handed out earlier')
  })

  it('fails an endpoint that sends expires_in as a string', async () => {
    const endpoint = await serve(async (request, answer) => {
      const response = await answer(request)
      if (!new URL(request.url).pathname.endsWith('/signed-url') || response.status !== 200) return response
      const body = (await response.json()) as { url: string; expires_in: number }
      return Response.json(
        { ...body, expires_in: String(body.expires_in) },
        { headers: { 'cache-control': 'no-store' } },
      )
    })
    expect(await failures(endpoint)).toEqual([
      {
        rule: 'signed-url.junction.user_portal',
        passed: false,
        saw: 'expected "expires_in" as a number of seconds, saw "300" (string)',
      },
    ])
  })

  it('fails an endpoint that accepts cross-site writes, for both routes', async () => {
    const endpoint = await serve(async (request, answer) => {
      const headers = new Headers(request.headers)
      headers.delete('origin')
      headers.delete('sec-fetch-site')
      const body = request.body ? await request.text() : null
      return answer(new Request(request.url, { method: request.method, headers, body }))
    })
    const failed = await failures(endpoint)
    expect(failed.map((result) => result.rule)).toEqual(['csrf.signed-url', 'csrf.demographics'])
    expect(failed[0]?.saw).toMatch(/^expected 403 \{"error": "forbidden"\}, saw 200 application\/json /)
  })

  it('fails every rule with the reason when nothing answers, and a slow endpoint on the timeout', async () => {
    const closed = await serve()
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
    const none = await runConformance({ endpoint: closed, demographics: false })
    expect(none.find((result) => result.rule === 'signed-url.junction.user_portal')?.saw).toMatch(
      /^the connection failed/,
    )
    const slow = await serve(async (request, answer) => {
      await new Promise((resolve) => setTimeout(resolve, 300))
      return answer(request)
    })
    const results = await runConformance({ endpoint: slow, demographics: false, timeoutMs: 200 })
    expect(results.find((result) => result.rule === 'errors.unknown-route')).toEqual({
      rule: 'errors.unknown-route',
      passed: false,
      saw: "no answer within 200 ms (the client's timeout)",
    })
  })

  it('explains a bad command line and exits 2', async () => {
    const write = (text: string) => {
      out += text
    }
    let out = ''
    expect(await runConformanceCli([], { write })).toBe(2)
    expect(out).toMatch(/^--endpoint is required\.\n\nUsage: embedded-portals-conformance/)
    out = ''
    expect(await runConformanceCli(['--endpoint', 'x', '--target', 'junction.portal'], { write })).toBe(2)
    expect(out).toMatch(/^--target takes one of junction\.user_portal, junction\.dashboard, userhub\.portal/)
    out = ''
    expect(await runConformanceCli(['--endpoint', 'ftp://example.test', '--header', 'Cookie: a=b'], { write })).toBe(2)
    expect(out).toMatch(/^--endpoint takes an absolute http\(s\) URL/)
    out = ''
    expect(await runConformanceCli(['--help'], { write })).toBe(0)
    expect(out).toMatch(/^Usage: embedded-portals-conformance/)
  })
})
