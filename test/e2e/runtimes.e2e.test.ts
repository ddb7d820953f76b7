import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runConformance } from '../../src/conformance/run.js'
import { type RunningSimulator, simulatorHandlerOptions, startSimulator } from '../../src/testing/index.js'
import { type RunningRuntime, type RuntimeName, startRuntime } from '../support/runtimes.js'

// createEmbedHandler served by each Fetch-API runtime the docs name, each installed from npm: a Worker
// bundled with esbuild on workerd (no nodejs_compat, no NODE_ENV define), Bun.serve, and Deno.serve with
// --allow-net alone. The vendor calls go over real HTTP to the simulator on loopback.
let simulator: RunningSimulator

beforeAll(async () => {
  simulator = await startSimulator({ seedData: { userhubUsers: ['usr_conformance'] } })
})
afterAll(async () => {
  await simulator?.close()
})

describe.each(['workerd', 'bun', 'deno'] satisfies RuntimeName[])('createEmbedHandler on %s', (runtime) => {
  let running: RunningRuntime | undefined

  beforeAll(async () => {
    running = await startRuntime(runtime, {
      vendors: simulatorHandlerOptions(simulator),
      clientUserId: `conformance-${runtime}`,
      userhubUserId: 'usr_conformance',
      teamId: simulator.simulator.teamId,
    })
  }, 60_000)
  afterAll(async () => {
    await running?.stop()
  })

  it('passes every rule of the conformance check, the slow one too, for every target kind', async () => {
    const endpoint = running?.endpoint ?? ''
    const results = await runConformance({
      endpoint,
      targets: ['junction.user_portal', 'junction.dashboard', 'userhub.portal'],
      slow: true,
      timeoutMs: 10_000,
    })
    expect(
      results.filter((result) => !result.passed || result.skipped),
      running?.output(),
    ).toEqual([])
    expect(results).toHaveLength(27)
    // Nothing printed but Deno.serve's own lines: its address, and its notice that request.signal aborts
    // once a response is sent (harmless here: the vendor calls are over by then).
    const printed = (running?.output() ?? '').split('\n').filter((line) => line.trim() !== '')
    expect(
      printed.filter((line) => !/^Listening on |^Deno\.serve: request\.signal aborts on successful/.test(line)),
    ).toEqual([])
  }, 60_000)
})
