import type { QueryClient } from '@tanstack/react-query'
import { EmbedError } from '../core/errors.js'
import { isUsable, type SignedUrl } from '../core/lifecycle.js'
import type { signedUrlQueryOptions } from './signedUrlQueryOptions.js'

/** What can be done with a target's signed URL without observing it (no re-render, no subscription). */
export interface SignedUrlActions {
  /** The usable URL at this very moment, read from the cache (for click handlers), or `undefined`. */
  getUsableUrl: () => SignedUrl | undefined
  /** A usable URL: the cached one if it still is, else a new request (shared with any in flight). */
  fetchFresh: () => Promise<SignedUrl>
  /** Marks the current URL as used: it leaves the cache at once and is never handed out again. */
  consume: () => void
  /** Asks for a new URL now (sharing a request already in flight), whatever the cache holds. */
  refetch: () => Promise<void>
}

export function tooShortLived(): EmbedError {
  return new EmbedError('invalid_response', undefined, {
    detail:
      process.env.NODE_ENV !== 'production'
        ? 'The endpoint sent a signed URL that expires too soon to be used: check the expires_in it sends.'
        : undefined,
  })
}

/** The actions on one target's signed URL in `queryClient`. */
export function signedUrlActions(
  queryClient: QueryClient,
  options: ReturnType<typeof signedUrlQueryOptions>,
  minRemaining: number,
): SignedUrlActions {
  const getUsableUrl = () => {
    const cached = queryClient.getQueryData<SignedUrl>(options.queryKey)
    return isUsable(cached, Date.now(), minRemaining) ? cached : undefined
  }
  return {
    getUsableUrl,
    async fetchFresh() {
      const cached = getUsableUrl()
      if (cached) return cached
      const fresh = await queryClient.fetchQuery({ ...options, staleTime: 0 })
      if (!isUsable(fresh, Date.now(), minRemaining)) throw tooShortLived()
      return fresh
    },
    consume() {
      const cache = queryClient.getQueryCache()
      const query = cache.find({ queryKey: options.queryKey, exact: true })
      if (!query) return
      if (query.getObserversCount() === 0) cache.remove(query)
      else query.reset()
    },
    async refetch() {
      await queryClient.fetchQuery({ ...options, staleTime: 0 }).catch(() => undefined)
    },
  }
}
