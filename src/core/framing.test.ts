import { afterEach, describe, expect, it, vi } from 'vitest'
import { clipboardRefusedDetail, isFramed, popupBlockedError } from './framing.js'
import { errorFromResponse } from './guards.js'

const context = { receivedAt: 0, date: null, call: 'POST https://app.example/api/portals/signed-url' }
const json = new Headers({ 'content-type': 'application/json' })

/** Plays a page shown in another page's frame. */
function framed() {
  vi.spyOn(window, 'top', 'get').mockReturnValue({} as Window)
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('isFramed', () => {
  it('is false for a top-level page, true in a frame, and true where reading top throws', () => {
    expect(isFramed()).toBe(false)
    framed()
    expect(isFramed()).toBe(true)
    vi.spyOn(window, 'top', 'get').mockImplementation(() => {
      throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError')
    })
    expect(isFramed()).toBe(true)
  })
})

describe('development details in a framed page', () => {
  const signedOut = () =>
    errorFromResponse(401, { error: 'unauthorized', message: 'Sign in to open the portal.' }, json, context)

  it('a 401 names third-party cookies and both fixes', () => {
    framed()
    const error = signedOut()
    expect(error.code).toBe('unauthorized')
    expect(error.detail).toContain(
      'answered 401 application/json with error "unauthorized": Sign in to open the portal.',
    )
    expect(error.detail).toContain('third-party cookies')
    expect(error.detail).toContain('Partitioned; Secure; SameSite=None')
    expect(error.detail).toContain('send it through <EmbedProvider headers>')
    expect(error.message).toBe('You are signed out. Sign in again, then retry.')
  })

  it('a 401 of a top-level page, and a framed 403, say nothing of framing', () => {
    expect(signedOut().detail).not.toContain('framed')
    framed()
    const refused = errorFromResponse(403, { error: 'forbidden', message: 'No.' }, json, context)
    expect(refused.detail).not.toContain('framed')
  })

  it('a blocked tab names the sandbox tokens the framing iframe needs', () => {
    framed()
    const error = popupBlockedError()
    expect(error.detail).toContain('this page is framed')
    expect(error.detail).toContain('allow-popups allow-popups-to-escape-sandbox')
    expect(error.message).toBe('The browser blocked the new tab. Use the link to open the portal.')
  })

  it('a refused clipboard names allow="clipboard-write"', () => {
    expect(clipboardRefusedDetail()).not.toContain('framed')
    framed()
    expect(clipboardRefusedDetail()).toContain('needs allow="clipboard-write"')
  })
})
