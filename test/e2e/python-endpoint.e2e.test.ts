import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runConformance } from '../../src/conformance/run.js'
import { type RunningPythonEndpoint, startPythonEndpoint } from '../support/python-endpoint.js'

// examples/python-endpoint: the wire protocol in Python's standard library, against the simulator.
describe('the Python reference endpoint', () => {
  let running: RunningPythonEndpoint

  beforeAll(async () => {
    running = await startPythonEndpoint()
  })
  afterAll(async () => {
    await running?.stop()
  })

  it('passes every rule of the conformance check, for every target kind', async () => {
    const results = await runConformance({
      endpoint: running.endpoint,
      targets: ['junction.user_portal', 'junction.dashboard', 'userhub.portal'],
    })
    expect(results.filter((result) => !result.passed)).toEqual([])
    expect(results).toHaveLength(14)
  })
})
