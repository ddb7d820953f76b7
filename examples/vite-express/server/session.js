// @ts-check
// A fake sign-in: POST /api/login puts a random session id in an HttpOnly cookie and remembers which
// clinician it belongs to. Use your own session library (express-session, iron-session, your SSO) instead.
import { randomBytes } from 'node:crypto'
import { clinicianById } from './records.js'

const COOKIE = 'northwind_session'
/** @type {Map<string, string>} session id → clinician id */
const sessions = new Map()

/** @param {string | null | undefined} header a Cookie header */
function sessionIdFrom(header) {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name === COOKIE) return decodeURIComponent(value.join('='))
  }
  return undefined
}

/**
 * The signed-in clinician, from a request's Cookie header (Express's `req.headers.cookie`, or a Fetch
 * `Request`'s `headers.get('cookie')` inside `createEmbedHandler`'s callbacks).
 * @param {string | null | undefined} cookieHeader
 */
export function clinicianFromCookie(cookieHeader) {
  const clinicianId = sessions.get(sessionIdFrom(cookieHeader) ?? '')
  return clinicianId === undefined ? undefined : clinicianById(clinicianId)
}

/**
 * Starts a session for `clinicianId`; returns the Set-Cookie header's value.
 * @param {string} clinicianId
 * @param {{ secure: boolean }} options
 */
export function signIn(clinicianId, { secure }) {
  const id = randomBytes(24).toString('base64url')
  sessions.set(id, clinicianId)
  return `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
}

/** Ends the session in `cookieHeader`; returns the Set-Cookie header's value that clears it. @param {string | undefined} cookieHeader */
export function signOut(cookieHeader) {
  sessions.delete(sessionIdFrom(cookieHeader) ?? '')
  return `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`
}
