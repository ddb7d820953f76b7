import type { PortalUserResponse } from '../core/portalAdmin.js'

const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Claude', 'Radia']
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Shannon', 'Perlman']
const DAY_MS = 86_400_000

/**
 * `count` distinct portal users for stories, tests and benchmarks, the same every time: names from a
 * fixed list, `user{n}@example.test` addresses, one in three still invited, dates a day apart before `now`.
 */
export function portalUsersFixture(count: number, now = Date.UTC(2026, 10, 30)): PortalUserResponse[] {
  return Array.from({ length: count }, (_, index): PortalUserResponse => {
    const n = index + 1
    const first = FIRST[index % FIRST.length] ?? 'Ada'
    const last = LAST[Math.floor(index / FIRST.length) % LAST.length] ?? 'Lovelace'
    const invitedAt = new Date(now - (count - index) * DAY_MS).toISOString()
    const active = n % 3 !== 0
    return {
      id: `user-${n}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}${n}@example.test`,
      first_name: first,
      last_name: last,
      status: active ? 'active' : 'invited',
      invited_at: invitedAt,
      joined_at: active ? new Date(now - (count - index) * DAY_MS + 3_600_000).toISOString() : null,
    }
  })
}
