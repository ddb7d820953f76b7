import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'

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
  /** The endpoint's URL, base path included, without a trailing slash or credentials. */
  endpoint: string
  /** The `Origin` a browser on the page that calls the endpoint sends: the endpoint's own, unless `--origin`. */
  origin: string
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
  raw?: string | Uint8Array<ArrayBuffer>
  /**
   * Sent with chunked transfer encoding (no `Content-Length`), over `node:http`: these chunks, then the end,
   * or nothing more when `stall` is set (the body never finishes; the answer is awaited until the timeout).
   */
  chunked?: { chunks: readonly Uint8Array[]; stall?: boolean }
  headers?: Record<string, string>
}

/** Every answer of a run, for the rules that look across them (timing, headers, secrets in messages). */
export interface ProbeLog {
  answers: { request: ProbeRequest; answer: Answer }[]
}

function headersOf(settings: ProbeSettings, request: ProbeRequest): Headers {
  const headers = new Headers(settings.headers.map(([name, value]) => [name, value]))
  headers.set('accept', 'application/json')
  if (request.json !== undefined) headers.set('content-type', 'application/json')
  for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value)
  return headers
}

function noAnswer(error: unknown, timeoutMs: number): NoAnswer {
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
  return new NoAnswer(
    timedOut
      ? `no answer within ${timeoutMs} ms (the client's timeout)`
      : `the connection failed (${error instanceof Error ? error.message : String(error)})`,
  )
}

function answerOf(status: number, headers: Headers, text: string, started: number): Answer {
  let json: unknown
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status, headers, text, json, ms: performance.now() - started }
}

/** Sends one request as the components would (same-origin, JSON), and reads the whole answer. */
export async function probe(settings: ProbeSettings, log: ProbeLog, request: ProbeRequest): Promise<Answer> {
  const started = performance.now()
  const answer = request.chunked
    ? await chunkedProbe(settings, request, request.chunked, started)
    : await fetchProbe(settings, request, started)
  log.answers.push({ request, answer })
  return answer
}

async function fetchProbe(settings: ProbeSettings, request: ProbeRequest, started: number): Promise<Answer> {
  let response: Response
  let text: string
  try {
    response = await settings.fetch(`${settings.endpoint}${request.path}`, {
      method: request.method,
      headers: headersOf(settings, request),
      body: request.raw ?? (request.json === undefined ? null : JSON.stringify(request.json)),
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    })
    text = await response.text()
  } catch (error) {
    throw noAnswer(error, settings.timeoutMs)
  }
  return answerOf(response.status, response.headers, text, started)
}

/** A body `fetch` cannot send as wanted: chunked, and possibly never finished. */
function chunkedProbe(
  settings: ProbeSettings,
  request: ProbeRequest,
  body: NonNullable<ProbeRequest['chunked']>,
  started: number,
): Promise<Answer> {
  const url = new URL(`${settings.endpoint}${request.path}`)
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  const headers = Object.fromEntries(headersOf(settings, request))
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = send(url, { method: request.method, headers: { ...headers, 'transfer-encoding': 'chunked' } })
    const timer = setTimeout(() => {
      outgoing.destroy()
      reject(noAnswer(Object.assign(new Error('timeout'), { name: 'TimeoutError' }), settings.timeoutMs))
    }, settings.timeoutMs)
    outgoing.on('error', (error) => {
      clearTimeout(timer)
      reject(noAnswer(error, settings.timeoutMs))
    })
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.on('error', () => undefined)
      incoming.on('end', () => {
        clearTimeout(timer)
        const answerHeaders = new Headers()
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (value !== undefined) answerHeaders.set(name, Array.isArray(value) ? value.join(', ') : value)
        }
        const text = Buffer.concat(chunks).toString('utf8')
        // The endpoint answered before the body ended: what is left of it is let go.
        outgoing.destroy()
        resolve(answerOf(incoming.statusCode ?? 0, answerHeaders, text, started))
      })
    })
    for (const chunk of body.chunks) outgoing.write(chunk)
    if (!body.stall) outgoing.end()
  })
}
