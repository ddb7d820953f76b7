import type { PortalUserResponse } from './portal-admin.js'

/** A user list prepared for searching: one lower-case text per user, built once per list. */
export interface PortalUserIndex {
  users: readonly PortalUserResponse[]
  texts: readonly string[]
}

/** Prepares `users` for `filterPortalUsers` (email, first and last name, status). */
export function indexPortalUsers(users: readonly PortalUserResponse[]): PortalUserIndex {
  return {
    users,
    texts: users.map((user) =>
      [user.email, user.first_name ?? '', user.last_name ?? '', user.status].join('\u0000').toLowerCase(),
    ),
  }
}

/**
 * The users whose email, name or status contains every word of `query`, ignoring case, in list order.
 * An empty query keeps everyone.
 */
export function filterPortalUsers(index: PortalUserIndex, query: string): readonly PortalUserResponse[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return index.users
  const matches: PortalUserResponse[] = []
  index.texts.forEach((text, position) => {
    const user = index.users[position]
    if (user && words.every((word) => text.includes(word))) matches.push(user)
  })
  return matches
}
