import { embedHandler, type RuntimeConfig } from './embedHandler.js'

let handler: ((request: Request) => Promise<Response>) | undefined

/** A Cloudflare Worker: the configuration arrives as a JSON binding, as a host's keys arrive in `env`. */
export default {
  fetch(request: Request, env: { CONFIG: RuntimeConfig }): Promise<Response> {
    handler ??= embedHandler(env.CONFIG)
    return handler(request)
  },
}
