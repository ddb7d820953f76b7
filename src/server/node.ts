import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { EmbedHandler } from './createEmbedHandler.js'

export type { EmbedHandler } from './createEmbedHandler.js'

/** `node:http`, Express and Connect style middleware. */
export type NodeHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>

export interface NodeHandlerOptions {
  /**
   * Behind a reverse proxy that terminates TLS: take the scheme and host from `X-Forwarded-Proto` and
   * `X-Forwarded-Host`, as the nearest proxy set them (the last value: earlier ones came from whoever
   * sent the request). Only set this behind a proxy. Default false.
   */
  trustProxy?: boolean | undefined
}

/** The value the nearest proxy appended: the last of a comma-separated, possibly repeated, header. */
function nearestValue(value: string | string[] | undefined): string | undefined {
  const last = Array.isArray(value) ? value[value.length - 1] : value
  return last?.split(',').pop()?.trim() || undefined
}

function originOf(request: IncomingMessage, trustProxy: boolean): string {
  const encrypted = 'encrypted' in request.socket && request.socket.encrypted === true
  const forwardedProto = trustProxy ? nearestValue(request.headers['x-forwarded-proto']) : undefined
  const forwardedHost = trustProxy ? nearestValue(request.headers['x-forwarded-host']) : undefined
  const scheme = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : encrypted ? 'https' : 'http'
  return `${scheme}://${forwardedHost ?? request.headers.host ?? 'localhost'}`
}

/**
 * The body as a stream the handler reads only if, and as far as, the route wants it: a refused request
 * is answered before any of its body is buffered, and each route applies its own size and time limits.
 * Behind a body parser that already read the stream (`express.json()`), its result is handed on instead.
 */
function bodyOf(request: IncomingMessage & { body?: unknown }, headers: Headers): BodyInit | null {
  if (request.method === 'GET' || request.method === 'HEAD') return null
  if (request.readableEnded) {
    headers.delete('content-length')
    const parsed = request.body
    if (parsed === undefined || parsed === null) return null
    if (parsed instanceof Uint8Array) return new Uint8Array(parsed)
    return typeof parsed === 'string' ? parsed : JSON.stringify(parsed)
  }
  return Readable.toWeb(request) as ReadableStream<Uint8Array>
}

/**
 * Adapts an `EmbedHandler` to `node:http`. As middleware (Express, Connect), requests outside its
 * `basePath` go to `next()`; without `next` they get a 404. The request's origin is taken from the
 * `Host` header (or, with `trustProxy`, from `X-Forwarded-Proto` and `X-Forwarded-Host`).
 */
export function toNodeHandler(handler: EmbedHandler, options: NodeHandlerOptions = {}): NodeHandler {
  const trustProxy = options.trustProxy ?? false
  return async (request, response, next) => {
    // Express strips the mount path (`app.use('/api/portals', …)`) from `url`; `originalUrl` keeps it.
    const path = (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? '/'
    const url = new URL(path, originOf(request, trustProxy))
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
      const body = bodyOf(request, headers)
      const answer = await handler(
        new Request(url, {
          method: request.method ?? 'GET',
          headers,
          body,
          signal: controller.signal,
          ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
        }),
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
