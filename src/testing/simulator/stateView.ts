import type { PortalUserResponse } from '../../core/portalAdmin.js'
import { portalJson } from './portalAdmin/portals.js'
import type { SimulatorStore } from './store.js'
import type { VendorSimulatorState } from './types.js'

/** Read access to the store; every answer is a copy, so tests cannot change the simulator by accident. */
export function stateView(store: SimulatorStore): VendorSimulatorState {
  const copy = <T extends object>(value: T): T => structuredClone(value)
  return {
    junctionUsers: () => [...store.junctionUsers.values()].map(copy),
    junctionUser: (userId) => {
      const user = store.junctionUsers.get(userId.toLowerCase())
      return user && copy(user)
    },
    junctionUserByClientId: (clientUserId) => {
      const userId = store.junctionUserIds.get(clientUserId)
      const user = userId === undefined ? undefined : store.junctionUsers.get(userId)
      return user && copy(user)
    },
    demographics: (userId) => {
      const demographics = store.demographics.get(userId.toLowerCase())
      return demographics ? copy(demographics) : null
    },
    portals: () => [...store.portals.values()].map(portalJson),
    portal: (portalId) => {
      const portal = store.portals.get(portalId)
      return portal && portalJson(portal)
    },
    portalUsers: (portalId): PortalUserResponse[] => [...(store.portals.get(portalId)?.users.values() ?? [])].map(copy),
    globalAccounts: () => [...store.globalAccounts.values()].map(copy),
    userhubUsers: () => [...store.userhubUsers.values()].map(copy),
    userhubUser: (id) => {
      const user = store.userhubUsers.get(id)
      return user && copy(user)
    },
    issuedTokens: () => [...store.tokens.values()].map(copy),
  }
}
