import { embedHandler, type RuntimeConfig } from './embedHandler.js'

declare const Deno: {
  args: string[]
  serve(options: { hostname: string; port: number }, handler: (request: Request) => Promise<Response>): unknown
}

// deno run --allow-net deno.js <port> <config as JSON>
const [port, config] = Deno.args
Deno.serve({ hostname: '127.0.0.1', port: Number(port) }, embedHandler(JSON.parse(config ?? '') as RuntimeConfig))
