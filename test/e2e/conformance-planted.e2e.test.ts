import { afterEach, describe, expect, it } from 'vitest'
import type { RuleResult } from '../../src/conformance/rule.js'
import { type ConformanceOptions, runConformance } from '../../src/conformance/run.js'
import { type Breakage, closeServers, isPath, rebuilt, serve, withJson } from '../support/conformance-server.js'

// Each test plants one bug in a copy of the real handler (createEmbedHandler over the simulator, on loopback)
// and sees the rule that names it fail: the check lets none of them through.

afterEach(closeServers)

/** The rules that failed against an endpoint broken by `breakage`. */
async function failures(breakage: Breakage, options: Partial<ConformanceOptions> = {}): Promise<RuleResult[]> {
  const endpoint = await serve(breakage, options.slow ? { bodyTimeoutMs: 60_000 } : {})
  const results = await runConformance({ endpoint, ...options })
  return results.filter((result) => !result.passed)
}

/** A breakage that rewrites the body of each successful `POST /signed-url`. */
function signedUrlBody(change: (body: { url: string; expires_in: number }) => unknown): Breakage {
  return async (request, answer) => {
    const response = await answer(request)
    if (!isPath(request, '/signed-url') || response.status !== 200) return response
    return withJson(response, change((await response.json()) as { url: string; expires_in: number }))
  }
}

describe('the conformance check fails a planted bug on the rule that names it', () => {
  it('expires_in in milliseconds', async () => {
    expect(await failures(signedUrlBody((body) => ({ ...body, expires_in: body.expires_in * 1000 })))).toEqual([
      {
        rule: 'signed-url.junction.user_portal',
        passed: false,
        saw: 'expected "expires_in" in seconds, at most 86400 for a URL meant for an immediate click (it lives minutes), saw 300000: milliseconds?',
      },
    ])
  })

  it('expires_in as a Unix timestamp, and as fractional seconds', async () => {
    const timestamp = await failures(
      signedUrlBody((body) => ({ ...body, expires_in: Math.floor(Date.now() / 1000) + body.expires_in })),
    )
    expect(timestamp.map((result) => result.rule)).toEqual(['signed-url.junction.user_portal'])
    expect(timestamp[0]?.saw).toMatch(
      /^expected "expires_in" in seconds, at most 5184000 \(60 days\), saw \d{10}: a timestamp, or milliseconds\?$/,
    )
    const fraction = await failures(signedUrlBody((body) => ({ ...body, expires_in: 299.5 })))
    expect(fraction).toEqual([
      {
        rule: 'signed-url.junction.user_portal',
        passed: false,
        saw: 'expected "expires_in" as an integer number of seconds, saw 299.5 (number)',
      },
    ])
  })

  it('expires_in as a string', async () => {
    const failed = await failures(signedUrlBody((body) => ({ ...body, expires_in: String(body.expires_in) })))
    expect(failed).toEqual([
      {
        rule: 'signed-url.junction.user_portal',
        passed: false,
        saw: 'expected "expires_in" as an integer number of seconds, saw "300" (string)',
      },
    ])
  })

  it('both url and redirectUrl in one body', async () => {
    const failed = await failures(signedUrlBody((body) => ({ ...body, redirectUrl: body.url })))
    expect(failed.map((result) => [result.rule, result.saw])).toEqual([
      [
        'signed-url.junction.user_portal',
        'expected one of "url" and "redirectUrl", saw both (the client reads such a body as neither)',
      ],
    ])
  })

  it('errors without Cache-Control', async () => {
    const failed = await failures(async (request, answer) => {
      const response = await answer(request)
      if (response.status < 400) return response
      const headers = new Headers(response.headers)
      headers.delete('cache-control')
      return new Response(response.body, { status: response.status, headers })
    })
    expect(failed).toEqual([
      {
        rule: 'answers.no-store',
        passed: false,
        saw: 'POST /signed-url (422) has Cache-Control "none", not no-store',
      },
    ])
  })

  it('no 413 for a body with a large Content-Length, nor for a large chunked one', async () => {
    // As a server without a limit would: it reads the body, and refuses its unknown "padding" member.
    const unlimited =
      (chunkedOnly: boolean): Breakage =>
      async (request, answer) => {
        const response = await answer(request)
        const chunked = request.headers.get('content-length') === null
        if (response.status !== 413 || (chunkedOnly && !chunked)) return response
        return withJson(response, { error: 'validation_error', message: 'The target is invalid.' }, 422)
      }
    const none = await failures(unlimited(false))
    expect(none.map((result) => [result.rule, result.saw])).toEqual([
      [
        'errors.too-large',
        expect.stringMatching(/^with Content-Length: 16385: expected 413 \{"error": "validation_error"\}, saw 422 /),
      ],
    ])
    const declaredOnly = await failures(unlimited(true))
    expect(declaredOnly.map((result) => [result.rule, result.saw])).toEqual([
      ['errors.too-large', expect.stringMatching(/^sent chunked, without Content-Length: expected 413 .*, saw 422 /)],
    ])
  })

  it('no deadline for a body that never ends (with --slow)', async () => {
    const failed = await failures(async (request, answer) => answer(request), { slow: true, timeoutMs: 1000 })
    expect(failed).toEqual([
      { rule: 'errors.slow-body', passed: false, saw: "no answer within 1000 ms (the client's timeout)" },
    ])
  })

  it('invalid UTF-8 decoded leniently, into U+FFFD', async () => {
    const failed = await failures(async (request, answer) => {
      if (request.method !== 'POST' || request.headers.get('content-length') === null) return answer(request)
      const text = new TextDecoder('utf-8').decode(await request.arrayBuffer())
      return answer(rebuilt(request, text))
    })
    expect(failed.map((result) => [result.rule, result.saw])).toEqual([
      ['errors.not-utf8', expect.stringMatching(/^expected 400 \{"error": "validation_error"\}, saw 422 /)],
    ])
  })

  it('a body that is no object answered 400', async () => {
    const failed = await failures(async (request, answer) => {
      if (request.method !== 'POST' || request.headers.get('content-length') === null) return answer(request)
      const bytes = await request.arrayBuffer()
      if (['[', 'n', '4'].includes(String.fromCharCode(new Uint8Array(bytes)[0] ?? 0))) {
        return withJson(await answer(rebuilt(request, '{}')), { error: 'validation_error', message: 'Not JSON.' }, 400)
      }
      return answer(rebuilt(request, bytes))
    })
    expect(failed.map((result) => [result.rule, result.saw])).toEqual([
      [
        'errors.not-object',
        expect.stringMatching(/^for the body \[\]: expected 422 \{"error": "validation_error"\}, saw 400 /),
      ],
    ])
  })

  it('unknown members dropped rather than refused', async () => {
    const failed = await failures(async (request, answer) => {
      if (!isPath(request, '/signed-url') || request.method !== 'POST') return answer(request)
      if (request.headers.get('content-length') === null) return answer(request)
      const bytes = await request.arrayBuffer()
      let body: unknown
      try {
        body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
      } catch {
        return answer(rebuilt(request, bytes))
      }
      if (typeof body !== 'object' || body === null || !('target' in body) || 'padding' in body) {
        return answer(rebuilt(request, bytes))
      }
      const target = { ...(body.target as Record<string, unknown>) }
      delete target.conformance
      return answer(rebuilt(request, JSON.stringify({ target })))
    })
    expect(failed.map((result) => [result.rule, result.saw])).toEqual([
      ['errors.unknown-member', expect.stringMatching(/^expected 422 \{"error": "validation_error"\}, saw 200 /)],
    ])
  })

  it('Origin: null let through, and Sec-Fetch-Site: same-site without Origin let through', async () => {
    const allow =
      (header: string, value: string): Breakage =>
      async (request, answer) =>
        request.headers.get(header) === value
          ? answer(rebuilt(request, request.body ? await request.text() : null, ['origin', 'sec-fetch-site']))
          : answer(request)
    const nullOrigin = await failures(allow('origin', 'null'))
    expect(nullOrigin.map((result) => [result.rule, result.saw])).toEqual([
      ['csrf.signed-url', expect.stringMatching(/^for Origin: null \(a sandboxed frame\): expected 403 .*, saw 200 /)],
    ])
    const sameSite = await failures(allow('sec-fetch-site', 'same-site'))
    expect(sameSite.map((result) => [result.rule, result.saw])).toEqual([
      [
        'csrf.signed-url',
        expect.stringMatching(/^for Sec-Fetch-Site: same-site without Origin: expected 403 .*, saw 200 /),
      ],
    ])
  })

  it('a CORS preflight answered 204 with CORS headers', async () => {
    const failed = await failures(async (request, answer) =>
      request.method === 'OPTIONS'
        ? new Response(null, {
            status: 204,
            headers: { 'access-control-allow-origin': '*', 'cache-control': 'no-store' },
          })
        : answer(request),
    )
    expect(failed.map((result) => [result.rule, result.saw])).toEqual([
      [
        'errors.head-options',
        expect.stringMatching(/^for OPTIONS \/signed-url \(a CORS preflight\): expected 405 .*, saw 204 /),
      ],
    ])
  })

  it('HEAD served as GET', async () => {
    const failed = await failures(async (request, answer) =>
      request.method === 'HEAD'
        ? new Response(null, { status: 200, headers: { 'cache-control': 'no-store' } })
        : answer(request),
    )
    expect(failed.map((result) => [result.rule, result.saw])).toEqual([
      ['errors.head-options', 'expected 405 for HEAD /signed-url, saw 200 no content type an empty body'],
    ])
  })

  it('an optional field sent as null read as absent', async () => {
    const failed = await failures(async (request, answer) => {
      if (!isPath(request, '/signed-url') || request.headers.get('content-length') === null) return answer(request)
      const bytes = await request.arrayBuffer()
      const body = new TextDecoder().decode(bytes)
      // A body naming a null field loses it, as a server reading null as absent would; any other passes as sent.
      return answer(rebuilt(request, body.includes(':null}') ? body.replace(/,"\w+":null/, '') : bytes))
    })
    expect(failed.map((result) => [result.rule, result.saw])).toEqual([
      ['errors.null-field', expect.stringMatching(/^expected 422 \{"error": "validation_error"\}, saw 200 /)],
    ])
  })

  it('JSON answers without X-Content-Type-Options: nosniff', async () => {
    const failed = await failures(async (request, answer) => {
      const response = await answer(request)
      const headers = new Headers(response.headers)
      headers.delete('x-content-type-options')
      return new Response(response.body, { status: response.status, headers })
    })
    expect(failed).toEqual([
      {
        rule: 'answers.json-headers',
        passed: false,
        saw: 'GET /demographics (200) lacks X-Content-Type-Options: nosniff',
      },
    ])
  })

  it('an error code only the client may use, and a 429 without Retry-After', async () => {
    const network = await failures(async (request, answer) => {
      const response = await answer(request)
      if (response.status !== 404) return response
      return withJson(response, { error: 'network', message: 'The route is unknown.' })
    })
    expect(network.map((result) => [result.rule, result.saw])).toEqual([
      ['errors.unknown-route', expect.stringMatching(/^expected "error": "not_found", saw 404 /)],
      ['errors.codes', 'GET /conformance-unknown-route (404) has "error": "network", expected not_found'],
    ])
    const busy = await failures(async (request, answer) => {
      const response = await answer(request)
      if (response.status !== 404) return response
      return withJson(response, { error: 'rate_limited', message: 'Busy.' }, 429)
    })
    expect(busy.map((result) => [result.rule, result.saw])).toEqual([
      ['errors.unknown-route', expect.stringMatching(/^expected 404 \{"error": "not_found"\}, saw 429 /)],
      ['errors.codes', 'GET /conformance-unknown-route (429) has no Retry-After of seconds or an HTTP date'],
    ])
  })

  it('?subject= not checked', async () => {
    const failed = await failures(async (request, answer) => {
      const url = new URL(request.url)
      if (!url.searchParams.has('subject')) return answer(request)
      url.searchParams.delete('subject')
      return answer(new Request(url, { method: request.method, headers: request.headers }))
    })
    expect(failed.map((result) => [result.rule, result.saw])).toEqual([
      ['demographics.subject', expect.stringMatching(/^expected 422 \{"error": "validation_error"\}, saw 200 /)],
    ])
  })

  it('ids in the path not checked', async () => {
    const failed = await failures(async (request, answer) => {
      const url = new URL(request.url)
      const match = /^(.*\/portals\/)([^/]+)(\/users)$/.exec(url.pathname)
      if (!match || match[2] === 'conformance-portal') return answer(request)
      url.pathname = `${match[1]}unchecked${match[3]}`
      return answer(new Request(url, { method: request.method, headers: request.headers }))
    })
    expect(failed.map((result) => [result.rule, result.saw])).toEqual([
      [
        'errors.path-id',
        expect.stringMatching(/^for the portal id a%2Fb: expected 400 \{"error": "validation_error"\}, saw 403 /),
      ],
    ])
  })

  it('demographics_required without "missing"', async () => {
    const failed = await failures(async (request, answer) => {
      const response = await answer(request)
      if (response.status !== 422 || !isPath(request, '/signed-url')) return response
      const body = (await response.json()) as Record<string, unknown>
      if (body.error !== 'demographics_required') return withJson(response, body)
      return withJson(response, { error: body.error, message: body.message })
    })
    expect(failed).toEqual([
      {
        rule: 'demographics.required',
        passed: false,
        saw: expect.stringMatching(/^expected "missing": \[the required fields still absent\], saw 422 /),
      },
    ])
  })

  it('a PUT /demographics that saves nothing, and says so', async () => {
    const failed = await failures(async (request, answer) =>
      request.method === 'PUT' && request.headers.get('origin') !== 'https://cross-site.conformance.invalid'
        ? answer(new Request(request.url, { method: 'GET', headers: request.headers }))
        : answer(request),
    )
    // Nothing saved, the portal then still needs demographics.
    expect(failed.map((result) => result.rule)).toEqual(['demographics.save', 'signed-url.junction.user_portal'])
    expect(failed[0]?.saw).toBe(
      'PUT /demographics answered 200 but saved nothing: a read then still finds missing first_name, last_name, email, phone_number, gender, dob, address.first_line, address.city, address.state, address.zip, address.country',
    )
  })
})

describe('the conformance check names the fix when the command line is the likely cause', () => {
  it('401 anywhere: pass --header with a session', async () => {
    const endpoint = await serve(undefined, { resolveUser: async () => null })
    const results = await runConformance({ endpoint })
    const failed = results.filter((result) => !result.passed)
    expect(failed.map((result) => result.rule)).toEqual([
      'demographics.read',
      'demographics.save',
      'signed-url.junction.user_portal',
      'csrf.demographics',
    ])
    for (const result of failed) {
      expect(result.hint).toBe(
        'the endpoint answered 401 (nobody signed in): pass a test user\'s session, --header "Cookie: session=…" or --header "Authorization: Bearer …"',
      )
    }
  })

  it('a 403 for the Origin it sends: point --endpoint at the URL browsers use, or pass --origin', async () => {
    const endpoint = await serve(undefined, { allowedOrigins: ['https://app.example.com'] })
    const behindProxy = await runConformance({ endpoint, origin: 'https://proxy.example.com' })
    const signed = behindProxy.find((result) => result.rule === 'signed-url.junction.user_portal')
    expect(signed?.passed).toBe(false)
    expect(signed?.saw).toMatch(/^expected 200 \{"url", "expires_in"\}, saw 403 application\/json /)
    expect(signed?.hint).toBe(
      "the endpoint refused the Origin the check sends, https://proxy.example.com, as another site's: point --endpoint at the URL browsers use (through your proxy), or pass --origin with the origin of the page that calls it",
    )
    const listed = await runConformance({ endpoint, origin: 'https://app.example.com' })
    expect(listed.filter((result) => !result.passed)).toEqual([])
  })

  it('demographics_required under --skip-demographics: use a user whose demographics are complete', async () => {
    const results = await runConformance({ endpoint: await serve(), demographics: false })
    expect(results.filter((result) => !result.passed)).toEqual([
      {
        rule: 'signed-url.junction.user_portal',
        passed: false,
        saw: expect.stringMatching(/^expected 200 \{"url", "expires_in"\}, saw 422 application\/json /),
        hint: "the test user's demographics are incomplete, and --skip-demographics keeps the check from completing them: sign in a user whose demographics are complete, or drop --skip-demographics",
      },
    ])
  })
})
