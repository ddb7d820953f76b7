// @vitest-environment node
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { type RunningSimulator, startSimulator } from '../http/startSimulator.js'

const running: RunningSimulator[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()))
})

/** `POST /junction/v2/user` with the simulator's own key and the given `Host`, over plain `node:http`. */
function createUser(sim: RunningSimulator, host: string): Promise<number> {
  const url = new URL(sim.baseUrls.junction)
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}/v2/user`,
        method: 'POST',
        headers: { host, 'content-type': 'application/json', 'x-vital-api-key': sim.keys.junction },
      },
      (answer) => {
        answer.resume()
        answer.on('end', () => resolve(answer.statusCode ?? 0))
      },
    )
    sent.on('error', reject)
    sent.end(JSON.stringify({ client_user_id: 'rebound' }))
  })
}

describe('startSimulator answers only requests addressed to itself', () => {
  it.each([
    ['another site (DNS rebinding)', (_: number) => 'evil.example'],
    ['another site with its port', (port: number) => `evil.example:${port}`],
    ['loopback on another port', (port: number) => `127.0.0.1:${port + 1}`],
    ['loopback without a port', (_: number) => 'localhost'],
    ['a name that ends like loopback', (port: number) => `localhost.evil.example:${port}`],
  ])('refuses %s with 421, before the API sees it', async (_, host) => {
    const sim = await startSimulator()
    running.push(sim)
    const port = Number(new URL(sim.url).port)
    expect(await createUser(sim, host(port))).toBe(421)
    expect(sim.simulator.requests).toEqual([])
  })

  it.each([
    ['its own address', (port: number) => `127.0.0.1:${port}`],
    ['localhost', (port: number) => `localhost:${port}`],
    ['LOCALHOST', (port: number) => `LOCALHOST:${port}`],
    ['[::1]', (port: number) => `[::1]:${port}`],
  ])('serves %s with its own port', async (_, host) => {
    const sim = await startSimulator()
    running.push(sim)
    const port = Number(new URL(sim.url).port)
    expect(await createUser(sim, host(port))).toBe(200)
  })
})
