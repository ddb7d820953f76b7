import type { IncomingMessage, ServerResponse } from 'node:http'

/** Largest request body the HTTP simulator accepts, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024

/** Streams the request body, failing (and flagging it) past `limit` bytes; what follows is discarded. */
function bodyStream(incoming: IncomingMessage, limit: number, onTooLarge: () => void): ReadableStream<Uint8Array> {
  let received = 0
  let finished = false
  return new ReadableStream<Uint8Array>({
    start(controller) {
      incoming.on('data', (chunk: Buffer | string) => {
        if (finished) return
        const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk)
        received += bytes.byteLength
        if (received > limit) {
          finished = true
          onTooLarge()
          controller.error(new RangeError(`The request body is larger than ${limit} bytes.`))
          return
        }
        controller.enqueue(bytes)
        if ((controller.desiredSize ?? 1) <= 0) incoming.pause()
      })
      incoming.on('end', () => {
        if (finished) return
        finished = true
        controller.close()
      })
      incoming.on('error', (error) => {
        if (finished) return
        finished = true
        controller.error(error)
      })
    },
    pull() {
      incoming.resume()
    },
    cancel() {
      finished = true
      incoming.resume()
    },
  })
}

/** Reads and drops the rest of a body, so that an early answer reaches the client; gives up past `cap` bytes. */
export function drain(incoming: IncomingMessage, cap = 8 * MAX_BODY_BYTES): Promise<boolean> {
  if (incoming.readableEnded) return Promise.resolve(true)
  return new Promise((resolve) => {
    let dropped = 0
    incoming.on('data', (chunk: Buffer | string) => {
      dropped += chunk.length
      if (dropped > cap) {
        incoming.destroy()
        resolve(false)
      }
    })
    incoming.on('end', () => resolve(true))
    incoming.on('error', () => resolve(false))
    incoming.resume()
  })
}

export interface BridgedRequest {
  request: Request
  /** Whether the body went over the limit while it was read. */
  tooLarge(): boolean
}

/** A Fetch `Request` for a Node request: its method, headers and streamed body, aborted when the client leaves. */
export function toFetchRequest(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  origin: string,
  limit = MAX_BODY_BYTES,
): BridgedRequest {
  const controller = new AbortController()
  outgoing.on('close', () => {
    if (!outgoing.writableFinished) controller.abort(new DOMException('The client went away.', 'AbortError'))
  })
  const headers = new Headers()
  for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) {
    headers.append(incoming.rawHeaders[i] ?? '', incoming.rawHeaders[i + 1] ?? '')
  }
  const method = incoming.method ?? 'GET'
  const path = incoming.url?.startsWith('/') ? incoming.url : '/'
  let overLimit = false
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: controller.signal }
  if (hasBody) {
    init.body = bodyStream(incoming, limit, () => {
      overLimit = true
    })
    init.duplex = 'half'
  }
  return { request: new Request(`${origin}${path}`, init), tooLarge: () => overLimit }
}

/** Writes a Fetch `Response` to a Node response. */
export async function sendFetchResponse(response: Response, outgoing: ServerResponse, head = false): Promise<void> {
  const body = head ? null : new Uint8Array(await response.arrayBuffer())
  outgoing.statusCode = response.status
  response.headers.forEach((value, name) => {
    outgoing.setHeader(name, value)
  })
  outgoing.end(body ?? undefined)
}

/** A JSON error written straight to a Node response (closing the connection, whose body may be unread). */
export function sendJsonError(outgoing: ServerResponse, status: number, detail: string): void {
  if (outgoing.headersSent) {
    outgoing.destroy()
    return
  }
  outgoing.writeHead(status, { 'content-type': 'application/json', connection: 'close' })
  outgoing.end(JSON.stringify({ detail }))
}
