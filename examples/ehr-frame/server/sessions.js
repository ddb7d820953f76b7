// @ts-check
// The app's sessions, made from a redeemed launch. The browser keeps one in either of two ways that work
// inside a frame on another site: a bearer token it holds in memory and sends with every call, or a
// `Partitioned` cookie. (A default `SameSite=Lax` cookie is offered too, to show that it does not work
// there: the browser neither stores nor sends it in a cross-site frame.)
import { randomBytes } from 'node:crypto'

const COOKIE = 'northwind_session'
const LIFETIME_MS = 8 * 3600_000

/** @typedef {'token' | 'partitioned' | 'lax'} SessionKind */

/** @typedef {{ clinicianId: string; patientId: string }} SessionContext */

export function createSessions() {
  /** @type {Map<string, SessionContext & { expiresAt: number }>} */
  const sessions = new Map()
  return {
    /** @param {SessionContext} context @returns {string} the session id: the token, or the cookie's value */
    create(context) {
      const id = randomBytes(32).toString('base64url')
      sessions.set(id, { ...context, expiresAt: Date.now() + LIFETIME_MS })
      return id
    },
    /**
     * The session a request carries: `Authorization: Bearer …`, else the cookie. Null when there is none.
     * @param {Request} request
     * @returns {SessionContext | null}
     */
    fromRequest(request) {
      const bearer = /^Bearer ([\w-]+)$/.exec(request.headers.get('authorization') ?? '')?.[1]
      const cookie = (request.headers.get('cookie') ?? '')
        .split(';')
        .map((part) => part.trim().split('='))
        .find(([name]) => name === COOKIE)?.[1]
      const session = sessions.get(bearer ?? cookie ?? '')
      if (!session || session.expiresAt < Date.now()) return null
      return { clinicianId: session.clinicianId, patientId: session.patientId }
    },
  }
}

/**
 * The `Set-Cookie` value for a session kept in a cookie. `Partitioned` (CHIPS) with `Secure` and
 * `SameSite=None` is the one a cross-site frame keeps and sends back, in a jar of its own per top-level
 * site; browsers treat http://localhost as secure, so it works there in development.
 * @param {string} id
 * @param {Exclude<SessionKind, 'token'>} kind
 */
export function sessionCookie(id, kind) {
  const attributes = kind === 'partitioned' ? 'Secure; SameSite=None; Partitioned' : 'SameSite=Lax'
  return `${COOKIE}=${id}; Path=/; HttpOnly; Max-Age=${LIFETIME_MS / 1000}; ${attributes}`
}
