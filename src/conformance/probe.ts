/** One answer of the endpoint under test, as the conformance check saw it. */
export interface Answer {
  status: number
  headers: Headers
  /** The body as text (empty when there was none). */
  text: string
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  json: unknown
  /** How long the answer took, in ms. */
  ms: number
}

/** A request that got no answer: the connection failed, or the client's timeout passed. */
export class NoAnswer extends Error {
  override readonly name = 'NoAnswer'
}

export interface ProbeSettings {
  /** The endpoint's URL, base path included, without a trailing slash. */
  endpoint: string
  /** Sent with every request (a session cookie, say). */
  headers: readonly (readonly [string, string])[]
  timeoutMs: number
  fetch: typeof fetch
}

export interface ProbeRequest {
  method: string
  /** Below the endpoint: `/signed-url`, `/demographics?subject=…`. */
  path: string
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown
  /** Sent as is, with the content type given in `headers`. */
  raw?: string
  headers?: Record<string, string>
}

/** Every answer of a run, for the rules that look across them (timing, secrets in messages). */
export interface ProbeLog {
  answers: { request: ProbeRequest; answer: Answer }[]
}

/** Sends one request as the components would (same-origin, JSON), and reads the whole answer. */
export async function probe(settings: ProbeSettings, log: ProbeLog, request: ProbeRequest): Promise<Answer> {
  const headers = new Headers(settings.headers.map(([name, value]) => [name, value]))
  headers.set('accept', 'application/json')
  if (request.json !== undefined) headers.set('content-type', 'application/json')
  for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value)
  const started = performance.now()
  let response: Response
  try {
    response = await settings.fetch(`${settings.endpoint}${request.path}`, {
      method: request.method,
      headers,
      body: request.raw ?? (request.json === undefined ? null : JSON.stringify(request.json)),
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    })
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError'
    throw new NoAnswer(
      timedOut
        ? `no answer within ${settings.timeoutMs} ms (the client's timeout)`
        : `the connection failed (${error instanceof Error ? error.message : String(error)})`,
    )
  }
  const text = await response.text()
  let json: unknown
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  const answer: Answer = {
    status: response.status,
    headers: response.headers,
    text,
    json,
    ms: performance.now() - started,
  }
  log.answers.push({ request, answer })
  return answer
}
