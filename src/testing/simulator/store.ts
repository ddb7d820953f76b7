import type { PortalUserResponse } from '../../core/portalAdmin.js'
import type {
  GlobalAccountRecord,
  IssuedTokenRecord,
  JunctionUserRecord,
  SimulatedDemographics,
  UserhubUserRecord,
} from './types.js'

export interface PortalRecord {
  id: string
  name: string
  custom_domain: string | null
  created_at: string
  /** By portal user id, in insertion order. */
  users: Map<string, PortalUserResponse>
}

/** Everything the simulated vendors remember. Plain maps: the routes own the rules. */
export interface SimulatorStore {
  junctionUsers: Map<string, JunctionUserRecord>
  /** client_user_id → user_id. */
  junctionUserIds: Map<string, string>
  demographics: Map<string, SimulatedDemographics>
  portals: Map<string, PortalRecord>
  /** Lower-cased email → account. */
  globalAccounts: Map<string, GlobalAccountRecord>
  userhubUsers: Map<string, UserhubUserRecord>
  /** `<externalId>@<connectionId>` → UserHub user id. */
  userhubImports: Map<string, string>
  tokens: Map<string, IssuedTokenRecord>
  /** Stable uuids for the host's own team ids (`team:…`). */
  integrationIds: Map<string, string>
  /** Lower-cased email → the reason bulk invites of it fail. */
  refusedInvites: Map<string, string>
  clear(): void
}

export function createStore(): SimulatorStore {
  const store: SimulatorStore = {
    junctionUsers: new Map(),
    junctionUserIds: new Map(),
    demographics: new Map(),
    portals: new Map(),
    globalAccounts: new Map(),
    userhubUsers: new Map(),
    userhubImports: new Map(),
    tokens: new Map(),
    integrationIds: new Map(),
    refusedInvites: new Map(),
    clear() {
      for (const map of [
        store.junctionUsers,
        store.junctionUserIds,
        store.demographics,
        store.portals,
        store.globalAccounts,
        store.userhubUsers,
        store.userhubImports,
        store.tokens,
        store.integrationIds,
        store.refusedInvites,
      ]) {
        map.clear()
      }
    },
  }
  return store
}
