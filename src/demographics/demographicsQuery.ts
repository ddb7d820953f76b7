import {
  type DataTag,
  isServer,
  type QueryClient,
  type QueryFunction,
  queryOptions,
  type UseQueryOptions,
} from '@tanstack/react-query'
import { type DemographicsResponse, fetchDemographics } from '../core/demographicsClient.js'
import type { EmbedError } from '../core/errors.js'
import { SECRET_QUERY_META } from '../core/queryMeta.js'
import { retryDelayMs, shouldRetry } from '../core/retry.js'
import { unlessSignedOut } from '../core/signedOut.js'
import type { EmbedClientConfig } from '../core/wireClient.js'
import { invalidateSignedUrls } from '../signedUrl/signedUrlQueryOptions.js'

/** Patient data leaves the cache this soon after nothing shows it. */
const DEMOGRAPHICS_GC_TIME_MS = 30_000

/** The query key of one subject's demographics under one endpoint. */
export function demographicsQueryKey(config: Pick<EmbedClientConfig, 'endpoint'>, subject: string | undefined) {
  return ['embedded-portals', 'demographics', config.endpoint, subject ?? null] as const
}

type DemographicsQueryKey = ReturnType<typeof demographicsQueryKey>

/** What `demographicsQueryOptions` returns: react-query options, with a key tagged with the data it holds. */
export type DemographicsQueryOptions = UseQueryOptions<
  DemographicsResponse,
  EmbedError,
  DemographicsResponse,
  ReturnType<typeof demographicsQueryKey>
> & {
  queryKey: DataTag<ReturnType<typeof demographicsQueryKey>, DemographicsResponse, EmbedError>
  queryFn?: QueryFunction<DemographicsResponse, ReturnType<typeof demographicsQueryKey>>
}

/** react-query options for a subject's demographics: short-lived, never persisted (patient data). */
export function demographicsQueryOptions(
  config: EmbedClientConfig,
  subject: string | undefined,
): DemographicsQueryOptions {
  return queryOptions<DemographicsResponse, EmbedError, DemographicsResponse, DemographicsQueryKey>({
    queryKey: demographicsQueryKey(config, subject),
    queryFn: ({ signal }) => fetchDemographics(config, subject, signal),
    staleTime: 0,
    // On the server nothing is cached across requests, and a timer would keep each request's client alive.
    gcTime: isServer ? Number.POSITIVE_INFINITY : DEMOGRAPHICS_GC_TIME_MS,
    retry: shouldRetry,
    retryDelay: (failureCount, error) => retryDelayMs(failureCount, error),
    refetchOnWindowFocus: false,
    refetchOnReconnect: unlessSignedOut,
    meta: { ...SECRET_QUERY_META, kind: 'demographics' },
  })
}

/**
 * After a save: the signed URLs that may have been refused for missing demographics are fetched again,
 * those of this subject's portal (a target without `subject` is the signed-in user's) and the dashboards.
 */
export function invalidateAfterSave(client: QueryClient, config: EmbedClientConfig, subject: string | undefined) {
  return invalidateSignedUrls(
    client,
    config,
    (target) =>
      target.kind === 'junction.dashboard' || (target.kind === 'junction.user_portal' && target.subject === subject),
  )
}
