import {
  type DataTag,
  isServer,
  type Query,
  type QueryClient,
  type QueryFunction,
  queryOptions,
  type UseQueryOptions,
} from '@tanstack/react-query'
import type { EmbedError } from '../core/errors.js'
import { refreshDelayMs, SINGLE_USE_LIFETIME_MS, type SignedUrl, staleTimeMs } from '../core/lifecycle.js'
import { SIGNED_URL_QUERY_META } from '../core/queryMeta.js'
import { retryDelayMs, shouldRetry } from '../core/retry.js'
import { unlessSignedOut } from '../core/signedOut.js'
import type { Target } from '../core/target.js'
import { type EmbedClientConfig, fetchSignedUrl } from '../core/wireClient.js'
import { abortWhenUnobserved } from './abortWhenUnobserved.js'

/**
 * The query key of a target's signed URL under one endpoint. It holds the target itself: react-query
 * hashes keys with sorted object keys and without undefined fields, so equal targets share one entry.
 */
export function signedUrlQueryKey(target: Target, config: Pick<EmbedClientConfig, 'endpoint'>) {
  return ['embedded-portals', 'signed-url', config.endpoint, target] as const
}

type SignedUrlQueryKey = ReturnType<typeof signedUrlQueryKey>

/** Marks stale, and refetches where observed, the signed URLs under `config`'s endpoint whose target `matches`. */
export function invalidateSignedUrls(
  client: QueryClient,
  config: Pick<EmbedClientConfig, 'endpoint'>,
  matches: (target: Target) => boolean,
): Promise<void> {
  return client.invalidateQueries({
    queryKey: ['embedded-portals', 'signed-url', config.endpoint],
    predicate: (query) => matches((query.queryKey as SignedUrlQueryKey)[3]),
  })
}

/** Unobserved signed URLs are dropped after this long at most (and at expiry, by the provider's sweeper). */
const SIGNED_URL_GC_TIME_MS = SINGLE_USE_LIFETIME_MS

type SignedUrlQuery = Query<SignedUrl, EmbedError, SignedUrl, SignedUrlQueryKey>

/** What `signedUrlQueryOptions` returns: react-query options, with a key tagged with the data it holds. */
export type SignedUrlQueryOptions = UseQueryOptions<
  SignedUrl,
  EmbedError,
  SignedUrl,
  ReturnType<typeof signedUrlQueryKey>
> & {
  queryKey: DataTag<ReturnType<typeof signedUrlQueryKey>, SignedUrl, EmbedError>
  queryFn?: QueryFunction<SignedUrl, ReturnType<typeof signedUrlQueryKey>>
}

/**
 * react-query options for a target's signed URL, shared by `useSignedUrl` and by prefetching
 * (`queryClient.prefetchQuery(signedUrlQueryOptions(target, config))`). They carry the whole lifecycle:
 * stale at the refresh time, a background refresh only while observed and visible, at most one
 * refresh per 5 s, none on focus or reconnect after a 401, the retry policy, the request timeout, abort once unobserved, and `meta` that marks
 * the query as a secret for persisters.
 */
export function signedUrlQueryOptions(target: Target, config: EmbedClientConfig): SignedUrlQueryOptions {
  const margin = config.refreshMarginMs
  return queryOptions<SignedUrl, EmbedError, SignedUrl, SignedUrlQueryKey>({
    queryKey: signedUrlQueryKey(target, config),
    // Reading `signal` lets react-query abort the request once its last observer leaves. Development
    // builds leave it unread and wait a task instead, so that StrictMode's unmount and remount neither
    // abort nor repeat the request.
    queryFn:
      process.env.NODE_ENV === 'production'
        ? ({ signal }) => fetchSignedUrl(config, target, signal)
        : async ({ client, queryKey }) => {
            const controller = new AbortController()
            const release = abortWhenUnobserved(client, queryKey, controller)
            try {
              return await fetchSignedUrl(config, target, controller.signal)
            } finally {
              release()
            }
          },
    staleTime: (query: SignedUrlQuery) => {
      const data = query.state.data
      return data ? staleTimeMs(data, margin) : 0
    },
    refetchInterval: (query: SignedUrlQuery) => {
      const data = query.state.data
      if (!data || query.state.status === 'error') return false
      const lastAttemptAt = Math.max(query.state.dataUpdatedAt, query.state.errorUpdatedAt)
      return refreshDelayMs(data, lastAttemptAt, Date.now(), margin)
    },
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: unlessSignedOut,
    refetchOnReconnect: unlessSignedOut,
    // On the server nothing is cached across requests, and a timer would keep each request's client alive.
    gcTime: isServer ? Number.POSITIVE_INFINITY : SIGNED_URL_GC_TIME_MS,
    retry: shouldRetry,
    retryDelay: (failureCount, error) => retryDelayMs(failureCount, error),
    structuralSharing: false,
    meta: SIGNED_URL_QUERY_META,
  })
}
