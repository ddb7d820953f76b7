import { useMemo } from 'react'
import type { EmbedError } from '../core/errors.js'
import { lifetimeMs, MIN_REMAINING_MS, type SignedUrl } from '../core/lifecycle.js'
import type { Target } from '../core/target.js'
import { useEmbedContext } from '../provider/context.js'
import { type SignedUrlActions, signedUrlActions, tooShortLived } from './signedUrlActions.js'
import { signedUrlQueryOptions } from './signedUrlQueryOptions.js'
import { useIsUsable } from './useIsUsable.js'
import { useLazyQuery } from './useLazyQuery.js'
import { useSameContent } from './useSameContent.js'

export interface UseSignedUrlOptions {
  /** Fetch and keep a URL for this target. Default `true`; `false` leaves the hook `idle`. */
  enabled?: boolean | undefined
  /** A URL with less than this left counts as unusable. Default 10 000 ms. */
  minRemainingMs?: number | undefined
}

export interface SignedUrlState {
  /** True while a request for this target is in flight (first load or background refresh). */
  isFetching: boolean
}

/** The state of a target's signed URL; `url` is set only while at least `minRemainingMs` of it is left. */
export type UseSignedUrlResult = SignedUrlActions &
  SignedUrlState &
  (
    | { status: 'idle'; url: undefined; signedUrl: undefined; error: null }
    | { status: 'loading'; url: undefined; signedUrl: undefined; error: null }
    | { status: 'ready'; url: string; signedUrl: SignedUrl; error: null }
    | { status: 'error'; url: undefined; signedUrl: undefined; error: EmbedError }
  )

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
  // One options object per target content: an inline literal each render changes nothing.
  const sameTarget = useSameContent(target)
  const queryOptions = useMemo(() => signedUrlQueryOptions(sameTarget, context.config), [sameTarget, context.config])
  const query = useLazyQuery(queryClient, queryOptions, enabled)

  const data = query?.data
  const usable = useIsUsable(data, minRemaining)

  const actions = useMemo(
    () => signedUrlActions(queryClient, queryOptions, minRemaining),
    [queryClient, queryOptions, minRemaining],
  )
  const isFetching = query?.isFetching ?? false
  // One error object per URL, so that its identity only changes when the URL does.
  const shortLived = useMemo(
    () => (data && lifetimeMs(data) < minRemaining ? tooShortLived() : null),
    [data, minRemaining],
  )

  if (data && usable) {
    return { ...actions, isFetching, status: 'ready', url: data.url, signedUrl: data, error: null }
  }
  if (isFetching) {
    return { ...actions, isFetching, status: 'loading', url: undefined, signedUrl: undefined, error: null }
  }
  const error = query?.error ?? shortLived
  if (error) {
    return { ...actions, isFetching, status: 'error', url: undefined, signedUrl: undefined, error }
  }
  return { ...actions, isFetching, status: 'idle', url: undefined, signedUrl: undefined, error: null }
}
