import { EmbedError } from './errors.js'

/**
 * True when this page is shown in a frame of another page (an EHR's iframe around the host app, say).
 * Comparing `top` across origins is allowed; a browser that throws on it is framed all the same.
 */
export function isFramed(): boolean {
  if (typeof window === 'undefined') return false
  try {
    return window.self !== window.top
  } catch {
    return true
  }
}

// The texts below are for the developer, in development builds only: each function returns nothing in a
// production build, whose bundler then drops the text with it.

/** What a 401 adds to its `detail` when the page is framed: its cookies are third-party there. */
export function framedSignedOutDetail(): string | undefined {
  if (process.env.NODE_ENV === 'production' || !isFramed()) return undefined
  return (
    'This page is framed (window.self !== window.top). If the framing page is on another site (an EHR), ' +
    "this page's cookies are third-party cookies there, and a default (SameSite=Lax) or SameSite=None " +
    'session cookie is not sent with the call. Set the session cookie with Partitioned; Secure; ' +
    'SameSite=None, or hold a token in memory and send it through <EmbedProvider headers>.'
  )
}

/** The `popup_blocked` error of a launch whose tab the browser refused. */
export function popupBlockedError(): EmbedError {
  let detail: string | undefined
  if (process.env.NODE_ENV !== 'production') {
    detail = isFramed()
      ? 'window.open returned null, and this page is framed (window.self !== window.top): a frame whose ' +
        'sandbox attribute lacks allow-popups opens no tab at all, from a button or a link. The framing page ' +
        "must add allow-popups allow-popups-to-escape-sandbox to its iframe's sandbox; until then the fallback " +
        'link ends in a field to copy the link by hand.'
      : 'window.open returned null: the browser blocked the new tab (a popup blocker, or launch() called ' +
        "outside a click handler: after an await, in an effect or a timer). The fallback link opens it from the link's own click."
  }
  return new EmbedError('popup_blocked', undefined, { detail })
}

/** What the developer hears when the clipboard refused a link (it is then shown to copy by hand). */
export function clipboardRefusedDetail(): string | undefined {
  if (process.env.NODE_ENV === 'production') return undefined
  return isFramed()
    ? 'The clipboard refused the link, and this page is framed (window.self !== window.top): the framing ' +
        'page\'s iframe needs allow="clipboard-write". Until then the link is shown in a field to copy by hand.'
    : 'The clipboard refused the link (no navigator.clipboard, as on an http: origin other than localhost, ' +
        'or the permission was denied): it is shown in a field to copy by hand.'
}
