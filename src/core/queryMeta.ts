/** `meta` of every query that holds a secret (signed URLs) or patient data. */
export const SECRET_QUERY_META = { embeddedPortals: true, persist: false } as const

/**
 * True for the library's queries that must never be persisted or dehydrated. Use it in a persister's
 * `dehydrateOptions.shouldDehydrateQuery`:
 * `(query) => defaultShouldDehydrateQuery(query) && !isEmbedSecretQuery(query)`.
 */
export function isEmbedSecretQuery(query: { meta?: Record<string, unknown> | undefined }): boolean {
  return query.meta?.embeddedPortals === true && query.meta.persist === false
}

/** `meta` of signed-URL queries. */
export const SIGNED_URL_QUERY_META = { ...SECRET_QUERY_META, kind: 'signed-url' } as const
