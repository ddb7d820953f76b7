import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmbedHandler } from './createEmbedHandler.js'
import { MAX_ANY_BODY_BYTES } from './http.js'

type Next = (error?: unknown) => void

/** `node:http`, Express and Connect style middleware. */
export type NodeHandler = (request: IncomingMessage, response: ServerResponse, next?: Next) => Promise<void>

export interface NodeHandlerOptions {
  /**
   * Behind a reverse proxy that terminates TLS: take the scheme and host from `X-Forwarded-Proto` and
   * `X-Forwarded-Host`. Only set this when the proxy overwrites those headers. Default false.
   */
  trustProxy?: boolean | undefined
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return first?.split(',')[0]?.trim() || undefined
}

function originOf(request: IncomingMessage, trustProxy: boolean): string {
  const encrypted = 'encrypted' in request.socket && request.socket.encrypted === true
  const forwardedProto = trustProxy ? firstValue(request.headers['x-forwarded-proto']) : undefined
  const forwardedHost = trustProxy ? firstValue(request.headers['x-forwarded-host']) : undefined
  const scheme = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : encrypted ? 'https' : 'http'
  return `${scheme}://${forwardedHost ?? request.headers.host ?? 'localhost'}`
}

async function readBody(request: IncomingMessage): Promise<ArrayBuffer | null> {
  if (request.method === 'GET' || request.method === 'HEAD') return null
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    size += buffer.byteLength
    // One byte past the limit is enough for the handler to answer 413.
    if (size > MAX_ANY_BODY_BYTES + 1) break
    chunks.push(buffer)
  }
  const joined = Buffer.concat(chunks)
  return joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength) as ArrayBuffer
}

/**
 * Adapts an `EmbedHandler` to `node:http`. As middleware (Express, Connect), requests outside its
 * `basePath` go to `next()`; without `next` they get a 404. The request's origin is taken from the
 * `Host` header (or, with `trustProxy`, from `X-Forwarded-Proto` and `X-Forwarded-Host`).
 */
export function toNodeHandler(handler: EmbedHandler, options: NodeHandlerOptions = {}): NodeHandler {
  const trustProxy = options.trustProxy ?? false
  return async (request, response, next) => {
    const url = new URL(request.url ?? '/', originOf(request, trustProxy))
    const inside = url.pathname === handler.basePath || url.pathname.startsWith(`${handler.basePath}/`)
    if (!inside && next) {
      next()
      return
    }
    try {
      const controller = new AbortController()
      response.on('close', () => {
        if (!response.writableFinished) controller.abort()
      })
      const headers = new Headers()
      for (const [name, value] of Object.entries(request.headers)) {
        if (value === undefined) continue
        for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
      }
      const body = await readBody(request)
      const answer = await handler(
        new Request(url, { method: request.method ?? 'GET', headers, body, signal: controller.signal }),
      )
      response.statusCode = answer.status
      answer.headers.forEach((value, name) => {
        response.setHeader(name, value)
      })
      response.end(Buffer.from(await answer.arrayBuffer()))
    } catch (error) {
      if (next) next(error)
      else {
        response.statusCode = 500
        response.end()
      }
    }
  }
}
