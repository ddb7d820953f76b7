import type { PortalUserResponse } from './portalAdmin.js'

/** A user list prepared for searching: one lower-case text per user, built once per list. */
export interface PortalUserIndex {
  users: readonly PortalUserResponse[]
  texts: readonly string[]
}

/** Prepares `users` for `filterPortalUsers` (email, first and last name, status). */
export function indexPortalUsers(users: readonly PortalUserResponse[]): PortalUserIndex {
  return {
    users,
    // `join` writes a null name as an empty string.
    texts: users.map((user) => [user.email, user.first_name, user.last_name, user.status].join('\u0000').toLowerCase()),
  }
}

/**
 * The users whose email, name or status contains every word of `query`, ignoring case, in list order.
 * An empty query keeps everyone.
 */
export function filterPortalUsers(index: PortalUserIndex, query: string): readonly PortalUserResponse[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  return index.users.filter((_, position) => words.every((word) => index.texts[position]?.includes(word)))
}
