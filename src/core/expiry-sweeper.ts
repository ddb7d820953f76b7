import type { Query, QueryCache } from '@tanstack/react-query'
import { MAX_TIMER_DELAY_MS, type SignedUrl } from './lifecycle.js'
import { isSignedUrlQuery } from './query-meta.js'

function expiryOf(query: Query): number | undefined {
  if (!isSignedUrlQuery(query)) return undefined
  const data = query.state.data as SignedUrl | undefined
  return data?.expiresAt
}

/**
 * Removes every unobserved signed-URL query from `cache` when its URL expires, so that no secret
 * outlives its lifetime in memory (react-query's `gcTime` can only grow, so it cannot do this alone).
 * Observed queries are left to their own refresh. Returns the function that stops the sweeper, which
 * also drops every unobserved signed URL a task later (nothing is left to sweep them afterwards).
 */
export function sweepExpiredSignedUrls(cache: QueryCache): () => void {
  const timers = new Map<Query, ReturnType<typeof setTimeout>>()
  const clear = (query: Query) => {
    clearTimeout(timers.get(query))
    timers.delete(query)
  }
  const schedule = (query: Query) => {
    clear(query)
    const expiresAt = expiryOf(query)
    if (expiresAt === undefined || query.getObserversCount() > 0) return
    const delay = Math.min(Math.max(expiresAt - Date.now(), 0), MAX_TIMER_DELAY_MS)
    timers.set(
      query,
      setTimeout(() => {
        timers.delete(query)
        if (query.getObserversCount() === 0 && query.state.fetchStatus === 'idle') cache.remove(query)
      }, delay),
    )
  }
  for (const query of cache.getAll()) schedule(query)
  const unsubscribe = cache.subscribe((event) => {
    if (event.type === 'removed') clear(event.query)
    else if (
      event.type === 'added' ||
      event.type === 'updated' ||
      event.type === 'observerRemoved' ||
      event.type === 'observerAdded'
    ) {
      schedule(event.query)
    }
  })
  return () => {
    unsubscribe()
    for (const timer of timers.values()) clearTimeout(timer)
    timers.clear()
    // After a task, so that components unmounting in the same commit have let go of their queries.
    setTimeout(() => {
      for (const query of cache.getAll()) {
        if (isSignedUrlQuery(query) && query.getObserversCount() === 0 && query.state.fetchStatus === 'idle') {
          cache.remove(query)
        }
      }
    }, 0)
  }
}
