// @vitest-environment node
import { request as httpRequest } from 'node:http'
import { http, passthrough } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { server } from '../../../../test/support/msw-server.js'
import { type RunningSimulator, startSimulator } from '../http/startSimulator.js'
import { SAMPLE_DEMOGRAPHICS } from '../seed.js'

const running: RunningSimulator[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()))
})

async function start(options: Parameters<typeof startSimulator>[0] = {}) {
  const simulator = await startSimulator(options)
  running.push(simulator)
  server.use(http.all(`${simulator.url}/*`, () => passthrough()))
  return simulator
}

function control(sim: RunningSimulator, route: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${sim.controlUrl}/${route}`, {
    method: 'POST',
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

/** A request whose `Host` header says what `host` says, which fetch would not send. */
function withHost(sim: RunningSimulator, host: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(sim.url)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/control/reset', headers: { host } })
    req.on('response', (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

const portal = (sim: RunningSimulator, clientUserId: string) => {
  const userId = sim.simulator.state.junctionUserByClientId(clientUserId)?.user_id ?? ''
  return fetch(`${sim.baseUrls.junction}/v2/user/${userId}/create_portal_url`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-vital-api-key': sim.keys.junction },
    body: JSON.stringify({ context: 'launch' }),
  })
}

describe('the control routes of a running simulator', () => {
  it('POST /control/reset goes back to the seeded people, with the same ids, and old links stop opening', async () => {
    const sim = await start({
      simulator: { seed: 7 },
      seedData: { junctionUsers: [{ clientUserId: 'patient:grace', demographics: null }], userhubUsers: ['uh-1'] },
    })
    const grace = sim.seeded.junctionUserIds['patient:grace'] ?? ''
    sim.simulator.setDemographics(grace, SAMPLE_DEMOGRAPHICS)
    await sim.simulator.seedJunctionUser({ clientUserId: 'patient:later' })
    const link = ((await (await portal(sim, 'patient:grace')).json()) as { url: string }).url

    const reset = await control(sim, 'reset')
    expect(reset.status).toBe(200)
    expect(await reset.json()).toEqual({ seeded: { junctionUserIds: { 'patient:grace': grace }, portalIds: [] } })
    expect(sim.simulator.state.demographics(grace)).toBeNull()
    expect(sim.simulator.state.junctionUserByClientId('patient:later')).toBeUndefined()
    expect(sim.simulator.state.userhubUsers().map((user) => user.id)).toEqual(['uh-1'])
    expect((await portal(sim, 'patient:grace')).status).toBe(422)
    expect((await fetch(link)).status).toBe(401)
  })

  it('POST /control/people adds patients with and without demographics, clinicians and UserHub users', async () => {
    const sim = await start()
    const added = await control(sim, 'people', {
      patients: ['patient:ada'],
      patientsWithoutDemographics: ['patient:grace'],
      clinicians: ['staff:ruth'],
      userhubUsers: ['uh-2'],
      junctionUsers: [{ clientUserId: 'patient:ines', demographics: null }],
    })
    expect(added.status).toBe(200)
    const { seeded } = (await added.json()) as { seeded: { junctionUserIds: Record<string, string> } }
    expect(Object.keys(seeded.junctionUserIds)).toEqual(['patient:ines', 'patient:ada', 'patient:grace', 'staff:ruth'])
    const { state } = sim.simulator
    expect(state.demographics(seeded.junctionUserIds['patient:ada'] ?? '')).toEqual(SAMPLE_DEMOGRAPHICS)
    expect(state.demographics(seeded.junctionUserIds['patient:grace'] ?? '')).toBeNull()
    expect(state.userhubUser('uh-2')).toBeDefined()
    expect((await portal(sim, 'patient:ada')).status).toBe(200)
  })

  it('adds nothing from a list that is malformed or names a taken id, and says which entry', async () => {
    const sim = await start({ seedData: { junctionUsers: [{ clientUserId: 'staff:ruth' }] } })
    const twice = await control(sim, 'people', { patients: ['patient:new', 'staff:ruth'] })
    expect(twice.status).toBe(409)
    expect(((await twice.json()) as { detail: string }).detail).toContain('"staff:ruth"')
    const bad = await control(sim, 'people', { patients: ['patient:x'], doctors: ['dr-1'] })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { detail: string }).detail).toContain('"doctors"')
    const portals = await control(sim, 'people', {
      patients: ['patient:y'],
      portals: [
        { name: 'A', id: 'p-1' },
        { name: 'B', id: 'p-1' },
      ],
    })
    expect(portals.status).toBe(409)
    expect(((await portals.json()) as { detail: string }).detail).toContain('"p-1"')
    const empty = await control(sim, 'people', { clinicians: [''] })
    expect(((await empty.json()) as { detail: string }).detail).toContain('clinicians[0]')
    expect(sim.simulator.state.junctionUsers().map((user) => user.client_user_id)).toEqual(['staff:ruth'])
    expect(sim.simulator.state.portals()).toEqual([])
  })

  it('takes JSON by POST only, and refuses other origins and a rebound Host name', async () => {
    const sim = await start()
    const form = await fetch(`${sim.controlUrl}/people`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ patients: ['p'] }),
    })
    expect(form.status).toBe(415)
    const get = await fetch(`${sim.controlUrl}/reset`)
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    expect((await control(sim, 'nothing')).status).toBe(404)
    const site = await control(sim, 'reset', undefined, { origin: 'https://evil.example' })
    expect(site.status).toBe(403)
    expect((await control(sim, 'reset', undefined, { origin: sim.url })).status).toBe(200)
    const rebound = await withHost(sim, `evil.example:${new URL(sim.url).port}`)
    expect(rebound.status).toBe(421)
    expect(rebound.body).toContain('its own address')
    expect((await withHost(sim, `localhost:${new URL(sim.url).port}`)).status).toBe(200)
    expect(sim.simulator.state.junctionUsers()).toEqual([])
  })

  it('reset() and addPeople() do the same in code; a taken id throws a TypeError', async () => {
    const sim = await start({ simulator: { seed: 2 }, seedData: { junctionUsers: [{ clientUserId: 'staff:ruth' }] } })
    const added = await sim.addPeople({ patients: ['patient:ada'] })
    expect(Object.keys(added.junctionUserIds)).toEqual(['patient:ada'])
    await expect(sim.addPeople({ clinicians: ['staff:ruth'] })).rejects.toThrow(TypeError)
    expect(await sim.reset()).toEqual(sim.seeded)
    expect(sim.simulator.state.junctionUsers()).toHaveLength(1)
  })
})
