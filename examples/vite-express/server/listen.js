// @ts-check
import { createServer } from 'node:http'

/**
 * An HTTP server listening on `port` (0: a free one) before it has a handler: the app's own origin,
 * which the portals handler needs, is known only then. Attach the handler with `server.on('request', app)`.
 * @param {number} port
 * @param {string} host
 */
export async function listen(port, host) {
  const server = createServer()
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve(undefined))
  })
  const address = server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  return { server, port: actualPort, origin: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}` }
}

/** Calls `stop` once on Ctrl+C or SIGTERM, then exits. @param {() => Promise<unknown>} stop */
export function onShutdown(stop) {
  let stopping = false
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => {
      if (stopping) return
      stopping = true
      stop().finally(() => process.exit(0))
    })
  }
}

/** @param {string} line */
export const print = (line) => process.stdout.write(`${line}\n`)
