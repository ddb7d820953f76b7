// @vitest-environment node
import { JunctionClient, JunctionError } from '@junction-api/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSimulator, startSimulator } from '../http/startSimulator.js'
import { COMPLETE_DEMOGRAPHICS, UUID_PATTERN } from './helpers.js'

// Junction's own SDK, pointed at the simulator over real HTTP: every call the simulator serves must
// succeed (or fail) for the SDK as it does against Junction, response validation included.

let running: RunningSimulator
let junction: JunctionClient

beforeAll(async () => {
  running = await startSimulator()
  junction = new JunctionClient({ apiKey: running.keys.junction, baseUrl: running.baseUrls.junction, maxRetries: 0 })
})

afterAll(async () => {
  await running.close()
})

/** What the SDK throws, as the status and body Junction sent. */
async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(JunctionError)
  const { statusCode, body } = error as JunctionError
  return { statusCode, body }
}

const { address } = COMPLETE_DEMOGRAPHICS
const patientInfo = {
  firstName: COMPLETE_DEMOGRAPHICS.first_name,
  lastName: COMPLETE_DEMOGRAPHICS.last_name,
  email: COMPLETE_DEMOGRAPHICS.email,
  phoneNumber: COMPLETE_DEMOGRAPHICS.phone_number,
  gender: COMPLETE_DEMOGRAPHICS.gender,
  dob: COMPLETE_DEMOGRAPHICS.dob,
  address: {
    firstLine: address.first_line,
    city: address.city,
    state: address.state,
    zip: address.zip,
    country: address.country,
  },
}

describe("Junction's SDK against the simulator", () => {
  it('creates a user, and is refused a second one with the same client_user_id (400)', async () => {
    const user = await junction.user.create({ clientUserId: 'sdk-create' })
    expect(user.userId).toMatch(UUID_PATTERN)
    expect(user.clientUserId).toBe('sdk-create')
    expect(user.createdOn).toBeInstanceOf(Date)
    expect(user.connectedSources).toEqual([])
    const conflict = await failure(junction.user.create({ clientUserId: 'sdk-create' }))
    expect(conflict.statusCode).toBe(400)
    expect(conflict.body).toMatchObject({ detail: { error_type: 'INVALID_REQUEST', user_id: user.userId } })
  })

  it('resolves a client_user_id and gets a user by id, with 404 for unknown ones and 422 for a bad id', async () => {
    const created = await junction.user.create({ clientUserId: 'sdk-resolve' })
    const resolved = await junction.user.getByClientUserId({ clientUserId: 'sdk-resolve' })
    expect(resolved).toEqual(created)
    expect(await junction.user.get({ userId: created.userId })).toEqual(created)
    expect((await failure(junction.user.getByClientUserId({ clientUserId: 'nobody' }))).statusCode).toBe(404)
    expect((await failure(junction.user.get({ userId: '0f8fad5b-d9cb-469f-a165-70867728950e' }))).statusCode).toBe(404)
    expect((await failure(junction.user.get({ userId: 'not-a-uuid' }))).statusCode).toBe(422)
  })

  it('refuses a portal URL before demographics (422), then saves, reads them and signs both contexts', async () => {
    const { userId } = await junction.user.create({ clientUserId: 'sdk-portal' })
    const before = await failure(junction.user.createPortalUrl({ userId, context: 'launch' }))
    expect(before.statusCode).toBe(422)

    const saved = await junction.user.upsertUserInfo({ userId, ...patientInfo })
    expect(saved).toMatchObject({ firstName: patientInfo.firstName, address: { zip: address.zip } })
    const latest = await junction.user.getLatestUserInfo({ userId })
    expect(latest).toMatchObject({ firstName: patientInfo.firstName, dob: patientInfo.dob })

    const launch = await junction.user.createPortalUrl({ userId, context: 'launch' })
    expect(launch.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
    expect(launch.expiresIn).toBeGreaterThan(0)
    const communications = await junction.user.createPortalUrl({
      userId,
      context: 'communications',
      orderId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    })
    expect(communications.expiresIn).toBeGreaterThan(launch.expiresIn)
  })

  it('is refused with a wrong key (401)', async () => {
    const stranger = new JunctionClient({ apiKey: 'sk_wrong', baseUrl: running.baseUrls.junction, maxRetries: 0 })
    expect((await failure(stranger.user.get({ userId: '0f8fad5b-d9cb-469f-a165-70867728950e' }))).statusCode).toBe(401)
  })
})
