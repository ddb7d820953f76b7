// @ts-check
// The EHR's launch context, SMART-launch style: when the EHR opens the app for a patient, it passes a
// short-lived, single-use code saying which clinician opened it for whom, signed with a secret the EHR
// and the app's server share. The app's server redeems it for a session; the browser never chooses the
// clinician or the patient.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'

const LIFETIME_MS = 2 * 60_000

/**
 * @typedef {{ clinicianId: string; patientId: string }} LaunchContext
 * @param {string} secret shared by the EHR and the app's server
 */
export function createLaunchCodes(secret) {
  /** @type {Map<string, number>} ids of redeemed codes, until they expire */
  const redeemed = new Map()
  /** @param {string} payload */
  const sign = (payload) => createHmac('sha256', secret).update(payload).digest('base64url')

  return {
    /** @param {LaunchContext} context */
    issue(context) {
      const claims = { ...context, id: randomUUID(), exp: Date.now() + LIFETIME_MS }
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
      return `${payload}.${sign(payload)}`
    },
    /**
     * The context of a valid code, once; null for a forged, expired or reused one.
     * @param {unknown} code
     * @returns {LaunchContext | null}
     */
    redeem(code) {
      if (typeof code !== 'string') return null
      const [payload = '', signature = ''] = code.split('.')
      const expected = Buffer.from(sign(payload))
      const given = Buffer.from(signature)
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
      const now = Date.now()
      for (const [id, exp] of redeemed) if (exp < now) redeemed.delete(id)
      if (claims.exp < now || redeemed.has(claims.id)) return null
      redeemed.set(claims.id, claims.exp)
      return { clinicianId: claims.clinicianId, patientId: claims.patientId }
    },
  }
}
