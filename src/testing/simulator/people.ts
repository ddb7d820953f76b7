import { SAMPLE_DEMOGRAPHICS, type SimulatorSeed } from './seed.js'
import { idList, isRecord, readSeed } from './seedFile.js'
import type { VendorSimulator } from './types.js'

/** The keys of the command line's people flags, as a control request names them. */
const PEOPLE_KEYS = ['patients', 'patientsWithoutDemographics', 'clinicians'] as const

/**
 * Reads the people to add to a running simulator: a seed (`junctionUsers`, `userhubUsers`, `portals`) and
 * the command line's lists of ids: `patients` (complete sample demographics), `patientsWithoutDemographics`
 * and `clinicians`. A wrong shape or an unknown key throws an error that names it.
 */
export function readPeople(value: unknown): SimulatorSeed {
  const seed = readSeed(value, PEOPLE_KEYS)
  const record = isRecord(value) ? value : {}
  return {
    ...seed,
    junctionUsers: [
      ...(seed.junctionUsers ?? []),
      ...idList(record, 'patients').map((clientUserId) => ({ clientUserId, demographics: SAMPLE_DEMOGRAPHICS })),
      ...idList(record, 'patientsWithoutDemographics').map((clientUserId) => ({ clientUserId, demographics: null })),
      ...idList(record, 'clinicians').map((clientUserId) => ({ clientUserId, demographics: null })),
    ],
  }
}

/**
 * The Junction `clientUserId`s and portal ids of `seed` that are given twice or already exist, so that
 * nothing is added when one is.
 */
export function takenIds(simulator: VendorSimulator, seed: SimulatorSeed): string[] {
  const taken = new Set<string>()
  const check = (ids: readonly (string | undefined)[], exists: (id: string) => boolean) => {
    const seen = new Set<string>()
    for (const id of ids) {
      if (id === undefined) continue
      if (seen.has(id) || exists(id)) taken.add(id)
      seen.add(id)
    }
  }
  check(
    (seed.junctionUsers ?? []).map((user) => user.clientUserId),
    (id) => simulator.state.junctionUserByClientId(id) !== undefined,
  )
  check(
    (seed.portals ?? []).map((portal) => portal.id),
    (id) => simulator.state.portal(id) !== undefined,
  )
  return [...taken]
}
