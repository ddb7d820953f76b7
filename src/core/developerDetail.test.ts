import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { server } from '../../test/support/msw-server.js'
import { EmbedError } from './errors.js'
import { assertSafeUrl } from './urlSafety.js'
import { fetchSignedUrl } from './wireClient.js'

const target = { kind: 'junction.user_portal', context: 'launch' } as const
const config = { endpoint: '/api/portals' }
const CALLED = /^POST http:\/\/localhost(?::\d+)?\/api\/portals\/signed-url/

async function failure(answer: () => Response): Promise<EmbedError> {
  server.use(http.post('*/api/portals/signed-url', answer))
  const error = await fetchSignedUrl(config, target).catch((e: unknown) => e)
  if (!(error instanceof EmbedError)) throw new Error('expected an EmbedError')
  return error
}

function refusal(raw: string, policy: Parameters<typeof assertSafeUrl>[1]): EmbedError {
  try {
    assertSafeUrl(raw, policy)
  } catch (error) {
    if (error instanceof EmbedError) return error
  }
  throw new Error('expected a refusal')
}

describe('EmbedError.detail: the developer’s text, apart from the user’s', () => {
  it.each([
    [
      'an HTML page',
      () =>
        new HttpResponse('<!doctype html><h1>Not found</h1>', {
          status: 404,
          headers: { 'content-type': 'text/html' },
        }),
    ],
    ['an empty 404', () => new HttpResponse(null, { status: 404 })],
    ['a 405 without {error}', () => HttpResponse.json({ message: 'Method Not Allowed' }, { status: 405 })],
  ])('explains %s as an endpoint not mounted where `endpoint` points, with the URL it called', async (_, answer) => {
    const error = await failure(answer)
    expect(error.detail).toMatch(CALLED)
    expect(error.detail).toContain('is not the wire protocol')
    expect(error.detail).toContain("EmbedProvider's endpoint")
    expect(error.message).not.toMatch(/endpoint|mounted|EmbedProvider/)
  })

  it('explains a 200 that is not JSON the same way, with its content type', async () => {
    const error = await failure(() => new HttpResponse('<html></html>', { headers: { 'content-type': 'text/html' } }))
    expect(error.code).toBe('invalid_response')
    expect(error.detail).toMatch(CALLED)
    expect(error.detail).toContain('200 text/html that is not JSON')
  })

  it('keeps a server message written for the developer out of `message`', async () => {
    const said =
      'Cross-site request refused: its Origin "http://127.0.0.1:5173" is neither this server\'s origin ' +
      "(http://localhost:3000) nor in the server's allowedOrigins option."
    const error = await failure(() => HttpResponse.json({ error: 'forbidden', message: said }, { status: 403 }))
    expect(error.message).toBe('You do not have permission to do this.')
    expect(error.detail).toContain('answered 403 application/json with error "forbidden": Cross-site request refused')
    expect(error.detail).toContain("server's allowedOrigins option")
  })

  it('names the origin and the option that would allow a refused URL, never the URL', () => {
    const loopback = refusal('http://127.0.0.1:4010/junction/portal?token=SECRET', {
      allowedOrigins: ['https://*.junction.com'],
    })
    expect(loopback.detail).toContain('http://127.0.0.1:4010 is plain http on loopback: set allowInsecureLocalhost')
    const elsewhere = refusal('https://portal.vendor.example/p?token=SECRET', {
      allowedOrigins: ['https://*.junction.com'],
    })
    expect(elsewhere.detail).toBe(
      "The signed URL's origin https://portal.vendor.example is not in allowedOrigins (https://*.junction.com): " +
        "add it there if it is the vendor's.",
    )
    for (const error of [loopback, elsewhere]) {
      expect(`${error.message} ${error.detail}`).not.toContain('SECRET')
      expect(error.message).toBe('The portal link was refused because its address is not allowed.')
    }
  })
})
