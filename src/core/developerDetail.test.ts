import { HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { server } from '../../test/support/msw-server.js'
import { runLaunch } from '../launch/runLaunch.js'
import { EmbedError } from './errors.js'
import { popupBlockedError } from './framing.js'
import { inviteInBatches } from './inviteBatches.js'
import { deletePortalById, fetchPortalUsers } from './portalAdminClient.js'
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

/** The error a promise rejects with, or a failure when it does not reject with an EmbedError. */
async function rejectionOf(promise: Promise<unknown>): Promise<EmbedError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof EmbedError)) throw new Error('expected an EmbedError')
  return error
}

describe('EmbedError.detail: every error the client raises carries one in development', () => {
  it('a fetch that rejects: names the call and what refuses calls, never a body', async () => {
    server.use(http.post('*/api/portals/signed-url', () => HttpResponse.error()))
    const error = await rejectionOf(fetchSignedUrl(config, target))
    expect(error.code).toBe('network')
    expect(error.detail).toMatch(CALLED)
    expect(error.detail).toContain('got no answer: fetch rejected (TypeError)')
    expect(error.detail).toContain('CORS')
  })

  it('a connection lost while the answer is read', async () => {
    const broken = {
      ok: true,
      status: 200,
      headers: new Headers(),
      text: () => Promise.reject(new TypeError('connection reset')),
    }
    const fetch = async () => broken as unknown as Response
    const error = await rejectionOf(fetchSignedUrl({ ...config, fetch }, target))
    expect(error.message).toBe('The connection was lost while the answer was read.')
    expect(error.detail).toMatch(CALLED)
    expect(error.detail).toContain('answered 200, and the connection was lost while its body was read.')
  })

  it('invites refused before any request: counts, never an address', async () => {
    const sent = vi.fn()
    server.use(http.post('*/api/portals/portals/:id/users', sent))
    const users = [{ email: 'ada@example.test' }, { email: 'not an address' }]
    const error = await rejectionOf(inviteInBatches(config, 'portal-1', users))
    expect(error.detail).toBe(
      '1 of 2 invites have no valid email address (their indexes are in fields); no request was sent.',
    )
    expect(error.detail).not.toContain('not an address')
    expect(sent).not.toHaveBeenCalled()
  })

  it('an empty id, and a deletion whose confirmation does not repeat the portal id', async () => {
    const empty = await rejectionOf(fetchPortalUsers(config, ' '))
    expect(empty.detail).toBe('The portalId given is empty or blank, so no request was sent: pass the id to act on.')
    const unconfirmed = await rejectionOf(deletePortalById(config, 'portal-1', 'portal-2'))
    expect(unconfirmed.detail).toBe('The confirmation does not repeat the portal id, so no request was sent.')
  })

  it('a blocked tab: what blocks tabs, and what the fallback link does', () => {
    const error = popupBlockedError()
    expect(error.code).toBe('popup_blocked')
    expect(error.detail).toContain('window.open returned null: the browser blocked the new tab')
    expect(error.detail).not.toContain('framed')
  })

  it('a launch whose request ended without an answer', async () => {
    const report = vi.fn()
    const actions = {
      getUsableUrl: () => undefined,
      fetchFresh: () => Promise.reject(new DOMException('cancelled', 'AbortError')),
      consume: () => {},
      refetch: async () => {},
    }
    vi.spyOn(window, 'open').mockReturnValue(null)
    runLaunch(actions, { action: 'open', openIn: 'new-tab', singleUse: false, opening: 'Opening…' }, report)
    await vi.waitFor(() => expect(report).toHaveBeenCalledWith({ kind: 'failed', error: expect.any(EmbedError) }))
    const failed = report.mock.calls.at(-1)?.[0] as { error: EmbedError }
    expect(failed.error.detail).toContain('ended without an answer (AbortError): it was cancelled')
  })
})
