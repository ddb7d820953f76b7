import { embedHandler, type RuntimeConfig } from './embedHandler.js'

declare const Bun: {
  argv: string[]
  serve(options: { hostname: string; port: number; fetch: (request: Request) => Promise<Response> }): unknown
}

// bun bun.js <port> <config as JSON>
const [port, config] = Bun.argv.slice(2)
Bun.serve({ hostname: '127.0.0.1', port: Number(port), fetch: embedHandler(JSON.parse(config ?? '') as RuntimeConfig) })
