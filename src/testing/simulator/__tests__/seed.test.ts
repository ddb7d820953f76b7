// @vitest-environment node
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runSimulatorCli, type SimulatorCliSession } from '../cli.js'
import { startSimulator } from '../http/startSimulator.js'
import { SAMPLE_DEMOGRAPHICS } from '../seed.js'
import { parseSeedFile } from '../seedFile.js'

const sessions: SimulatorCliSession[] = []
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.running.close()))
})

function quiet() {
  const output: string[] = []
  return { output, io: { write: (text: string) => output.push(text), onSignal: () => () => {} } }
}

describe('seeding the simulator', () => {
  it('startSimulator creates patients with and without demographics, a clinician, a UserHub user and a portal', async () => {
    const sim = await startSimulator({
      seedData: {
        junctionUsers: [
          { clientUserId: 'patient-ada', demographics: SAMPLE_DEMOGRAPHICS },
          { clientUserId: 'patient-grace', demographics: null },
          { clientUserId: 'clinician-ruth' },
        ],
        userhubUsers: ['uh-1'],
        portals: [{ name: 'North', users: [{ email: 'a@example.com' }] }],
      },
    })
    try {
      const ids = sim.seeded.junctionUserIds
      expect(Object.keys(ids)).toEqual(['patient-ada', 'patient-grace', 'clinician-ruth'])
      const { state } = sim.simulator
      expect(state.demographics(ids['patient-ada'] ?? '')).toMatchObject({ first_name: 'Ada' })
      expect(state.demographics(ids['patient-grace'] ?? '')).toBeNull()
      expect(state.demographics(ids['clinician-ruth'] ?? '')).toBeNull()
      expect(sim.simulator.state.userhubUsers().map((u) => u.id)).toEqual(['uh-1'])
      expect(sim.simulator.state.portalUsers(sim.seeded.portalIds[0] ?? '')).toHaveLength(1)
    } finally {
      await sim.close()
    }
  })

  it('the CLI seeds from flags and a file, and prints what it created', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sim-seed-'))
    const file = join(dir, 'seed.json')
    await writeFile(file, JSON.stringify({ junctionUsers: [{ clientUserId: 'from-file' }], userhubUsers: ['uh-file'] }))
    const { output, io } = quiet()
    const args = ['--port', '0', '--seed-file', file, '--patient', 'p-1', '--patient-without-demographics', 'p-2']
    const session = await runSimulatorCli([...args, '--clinician', 'dr-1', '--userhub-user', 'uh-flag'], io)
    await rm(dir, { recursive: true, force: true })
    if (!session) throw new Error('expected a session')
    sessions.push(session)
    const { seeded, simulator } = session.running
    expect(Object.keys(seeded.junctionUserIds)).toEqual(['from-file', 'p-1', 'p-2', 'dr-1'])
    expect(simulator.state.userhubUsers().map((u) => u.id)).toEqual(['uh-file', 'uh-flag'])
    const text = output.join('')
    expect(text).toContain('Seeded:')
    expect(text).toContain(`p-1 (user_id ${seeded.junctionUserIds['p-1']})`)
    expect(text).toContain('userhub users   uh-file, uh-flag')
  })

  it('names the entry of a seed file that has the wrong shape', () => {
    expect(() => parseSeedFile('{', 'seed.json')).toThrow('seed.json is not valid JSON.')
    expect(() => parseSeedFile('[]', 'seed.json')).toThrow('seed.json: the file must hold a JSON object.')
    expect(() => parseSeedFile('{"patients": []}', 'seed.json')).toThrow('unknown keys "patients"')
    expect(() => parseSeedFile('{"junctionUsers": [{"id": "x"}]}', 's.json')).toThrow('junctionUsers[0] must be')
    expect(() => parseSeedFile('{"userhubUsers": [3]}', 's.json')).toThrow('userhubUsers[0] must be a non-empty string')
    expect(() => parseSeedFile('{"portals": [{"name": "N", "users": [{}]}]}', 's.json')).toThrow('portals[0].users[0]')
  })

  it('refuses a flag without its id', async () => {
    await expect(runSimulatorCli(['--patient'], quiet().io)).rejects.toThrow('--patient needs an id.')
  })
})
