import type { UserStore } from './options.js'

/** A process-local `UserStore` that forgets the oldest entries past `limit`. */
export function memoryUserStore(limit = 10_000): UserStore {
  const map = new Map<string, string>()
  return {
    get: (clientUserId) => map.get(clientUserId),
    set: (clientUserId, junctionUserId) => {
      map.delete(clientUserId)
      map.set(clientUserId, junctionUserId)
      if (map.size > limit) {
        const oldest = map.keys().next().value
        if (oldest !== undefined) map.delete(oldest)
      }
    },
  }
}
