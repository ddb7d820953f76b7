import { useQuery } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react'
import { EmbedError } from '../core/errors.js'
import { isUsable, lifetimeMs, MAX_TIMER_DELAY_MS, MIN_REMAINING_MS, type SignedUrl } from '../core/lifecycle.js'
import { type Target, targetKey } from '../core/target.js'
import { useEmbedContext } from '../provider/context.js'
import { signedUrlQueryOptions } from './signedUrlQueryOptions.js'

export interface UseSignedUrlOptions {
  /** Fetch and keep a URL for this target. Default `true`; `false` leaves the hook `idle`. */
  enabled?: boolean | undefined
  /** A URL with less than this left counts as unusable. Default 10 000 ms. */
  minRemainingMs?: number | undefined
}

interface SignedUrlActions {
  /** True while a request for this target is in flight (first load or background refresh). */
  isFetching: boolean
  /** The usable URL at this very moment, read from the cache (for click handlers), or `undefined`. */
  getUsableUrl: () => SignedUrl | undefined
  /** A usable URL: the cached one if it still is, else a new request (shared with any in flight). */
  fetchFresh: () => Promise<SignedUrl>
  /** Marks the current URL as used: it leaves the cache at once and is never handed out again. */
  consume: () => void
  /** Asks for a new URL now, whatever the cache holds. */
  refetch: () => Promise<void>
}

/** The state of a target's signed URL; `url` is set only while at least `minRemainingMs` of it is left. */
export type UseSignedUrlResult = SignedUrlActions &
  (
    | { status: 'idle'; url: undefined; signedUrl: undefined; error: null }
    | { status: 'loading'; url: undefined; signedUrl: undefined; error: null }
    | { status: 'ready'; url: string; signedUrl: SignedUrl; error: null }
    | { status: 'error'; url: undefined; signedUrl: undefined; error: EmbedError }
  )

const tooShortLived = () =>
  new EmbedError(
    'invalid_response',
    'The portal endpoint sent a link that expires too soon to be used. Check the expires_in it sends.',
  )

/** The same object for as long as the target's content stays the same, so inline literals cause no refetch. */
function useStableTarget(target: Target): Target {
  const ref = useRef({ key: targetKey(target), target })
  const key = targetKey(target)
  if (ref.current.key !== key) ref.current = { key, target }
  return ref.current.target
}

/**
 * A signed URL for `target`, fetched from the host's endpoint and kept fresh while the component is
 * mounted and the page visible. Shares one request and one cache entry with every other user of the
 * same target.
 */
export function useSignedUrl(target: Target, options: UseSignedUrlOptions = {}): UseSignedUrlResult {
  const context = useEmbedContext('useSignedUrl')
  const { queryClient } = context
  const enabled = options.enabled ?? true
  const minRemaining = options.minRemainingMs ?? MIN_REMAINING_MS
  const stableTarget = useStableTarget(target)
  const queryOptions = useMemo(
    () => signedUrlQueryOptions(stableTarget, context.config),
    [stableTarget, context.config],
  )
  const query = useQuery({ ...queryOptions, enabled }, queryClient)
  const [, rerender] = useReducer((n: number) => n + 1, 0)

  const data = query.data
  const now = Date.now()
  const usable = isUsable(data, now, minRemaining)

  // Re-render when the URL stops being usable, in case no refresh lands before then.
  useEffect(() => {
    if (!data || !usable) return
    const delay = Math.min(data.expiresAt - minRemaining - Date.now() + 1, MAX_TIMER_DELAY_MS)
    const timer = setTimeout(rerender, Math.max(delay, 0))
    return () => clearTimeout(timer)
  }, [data, usable, minRemaining])

  const { refetch: queryRefetch, isStale } = query
  // react-query refetches on `visibilitychange`; a window coming back into focus deserves the same.
  useEffect(() => {
    if (!enabled) return
    const onFocus = () => {
      if (isStale && document.visibilityState === 'visible') void queryRefetch({ cancelRefetch: false })
    }
    window.addEventListener('focus', onFocus)
    return () => window.removeEventListener('focus', onFocus)
  }, [enabled, isStale, queryRefetch])

  const getUsableUrl = useCallback(() => {
    const cached = queryClient.getQueryData<SignedUrl>(queryOptions.queryKey)
    return isUsable(cached, Date.now(), minRemaining) ? cached : undefined
  }, [queryClient, minRemaining, queryOptions])

  const fetchFresh = useCallback(async () => {
    const cached = getUsableUrl()
    if (cached) return cached
    const fresh = await queryClient.fetchQuery({ ...queryOptions, staleTime: 0 })
    if (!isUsable(fresh, Date.now(), minRemaining)) throw tooShortLived()
    return fresh
  }, [getUsableUrl, queryClient, minRemaining, queryOptions])

  const consume = useCallback(() => {
    const cached = queryClient.getQueryCache().find({ queryKey: queryOptions.queryKey, exact: true })
    if (!cached) return
    if (cached.getObserversCount() === 0) queryClient.getQueryCache().remove(cached)
    else cached.reset()
  }, [queryClient, queryOptions])

  const refetch = useCallback(async () => {
    await queryRefetch({ cancelRefetch: false })
  }, [queryRefetch])

  const actions = useMemo(
    () => ({ getUsableUrl, fetchFresh, consume, refetch }),
    [getUsableUrl, fetchFresh, consume, refetch],
  )
  const isFetching = query.isFetching

  if (data && usable) {
    return { ...actions, isFetching, status: 'ready', url: data.url, signedUrl: data, error: null }
  }
  if (isFetching) {
    return { ...actions, isFetching, status: 'loading', url: undefined, signedUrl: undefined, error: null }
  }
  const error = query.error ?? (data && lifetimeMs(data) < minRemaining ? tooShortLived() : null)
  if (error) {
    return { ...actions, isFetching, status: 'error', url: undefined, signedUrl: undefined, error }
  }
  return { ...actions, isFetching, status: 'idle', url: undefined, signedUrl: undefined, error: null }
}
