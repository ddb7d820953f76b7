import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runConformance } from '../../src/conformance/run.js'
import { type RunningPythonEndpoint, startPythonEndpoint } from '../support/python-endpoint.js'

// examples/python-endpoint: the wire protocol in Python's standard library, against the simulator.
describe('the Python reference endpoint', () => {
  let running: RunningPythonEndpoint

  beforeAll(async () => {
    // A patient with no demographics yet, so that the check sees demographics_required too.
    running = await startPythonEndpoint([], 'conformance-patient')
  })
  afterAll(async () => {
    await running?.stop()
  })

  it('passes every rule of the conformance check, the slow one too, for every target kind', async () => {
    const results = await runConformance({
      endpoint: running.endpoint,
      targets: ['junction.user_portal', 'junction.dashboard', 'userhub.portal'],
      slow: true,
    })
    expect(results.filter((result) => !result.passed)).toEqual([])
    // It serves no portal administration, so no route has an id in its path.
    expect(results.filter((result) => result.skipped).map((result) => result.rule)).toEqual(['errors.path-id'])
    expect(results).toHaveLength(27)
  }, 30_000)
})
