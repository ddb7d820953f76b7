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

/** The Junction ids of `seed` that are given twice or already exist, so that nothing is added when one is. */
export function takenClientUserIds(simulator: VendorSimulator, seed: SimulatorSeed): string[] {
  const seen = new Set<string>()
  const taken = new Set<string>()
  for (const { clientUserId } of seed.junctionUsers ?? []) {
    if (clientUserId === undefined) continue
    if (seen.has(clientUserId) || simulator.state.junctionUserByClientId(clientUserId)) taken.add(clientUserId)
    seen.add(clientUserId)
  }
  return [...taken]
}
