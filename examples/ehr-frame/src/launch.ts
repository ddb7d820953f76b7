// The EHR launch, SMART style: the EHR frames /launch?launch=…&session=…; the app hands the code to its
// own server once, which answers the patient in context and a session. A token stays in this module's
// memory (never in storage, where another script could read it later) and goes out with every portals call
// through <EmbedProvider headers>; a cookie session is the browser's business.

export interface Launched {
  clinician: { name: string }
  patient: { id: string; name: string }
  /** What <EmbedProvider> may open or frame: the server knows where the vendors are. */
  portals: { allowedOrigins: string[]; allowInsecureLocalhost: boolean }
  /** How the session is kept: the token in memory, or a cookie. */
  session: 'token' | 'partitioned' | 'lax'
}

let token: string | undefined
let launching: Promise<Launched> | undefined

/** Headers for <EmbedProvider headers>: the bearer token, when the session is one. */
export function authHeaders(): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {}
}

async function redeem(): Promise<Launched> {
  const query = new URLSearchParams(window.location.search)
  const launch = query.get('launch')
  const session =
    query.get('session') === 'partitioned' || query.get('session') === 'lax' ? query.get('session') : 'token'
  // The code is single use: out of the address bar (and the history) at once.
  window.history.replaceState(null, '', '/')
  if (!launch) throw new Error('Open this app from the EHR: it passes the launch context.')
  const response = await fetch('/api/launch', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ launch, keep: session }),
  })
  if (!response.ok) throw new Error('The EHR launch was refused: open the app again from the EHR.')
  const answer = (await response.json()) as Omit<Launched, 'session'> & { token?: string }
  token = answer.token
  return {
    clinician: answer.clinician,
    patient: answer.patient,
    portals: answer.portals,
    session: session as Launched['session'],
  }
}

/** The launch, redeemed once per page load (StrictMode renders twice; the code works once). */
export function launchOnce(): Promise<Launched> {
  launching ??= redeem()
  return launching
}
