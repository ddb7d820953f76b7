import type { Demographics } from '../../core/demographics.js'
import type { SeedJunctionUserInput, SeedPortalInput, VendorSimulator } from './types.js'

/** What a simulator starts with: the people a local host app needs, from a file, flags or code. */
export interface SimulatorSeed {
  /** Junction users by the host's id: patients with or without demographics, clinicians. */
  junctionUsers?: readonly SeedJunctionUserInput[] | undefined
  /** UserHub users (ids, or `<externalId>@<connectionId>`), whose billing portal opens. */
  userhubUsers?: readonly string[] | undefined
  /** Administered portals and the people on them. */
  portals?: readonly SeedPortalInput[] | undefined
}

/** What seeding created: each Junction user's `user_id` by `clientUserId`, and the portal ids in order. */
export interface SeededData {
  junctionUserIds: Readonly<Record<string, string>>
  portalIds: readonly string[]
}

/** A complete, valid set of demographics for a made-up patient (no real person). */
export const SAMPLE_DEMOGRAPHICS: Demographics = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada.lovelace@example.com',
  phone_number: '+14155550123',
  gender: 'female',
  dob: '1985-12-10',
  address: { first_line: '1 Main St', city: 'San Francisco', state: 'CA', zip: '94105', country: 'US' },
}

/** Creates everything `seed` lists, in order. */
export async function applySeed(simulator: VendorSimulator, seed: SimulatorSeed): Promise<SeededData> {
  const junctionUserIds: Record<string, string> = {}
  for (const user of seed.junctionUsers ?? []) {
    const id = await simulator.seedJunctionUser(user)
    if (user.clientUserId !== undefined) junctionUserIds[user.clientUserId] = id
  }
  for (const id of seed.userhubUsers ?? []) simulator.seedUserhubUser(id)
  const portalIds = (seed.portals ?? []).map((portal) => simulator.seedPortal(portal))
  return { junctionUserIds, portalIds }
}
