import {
  type DataTag,
  isServer,
  type QueryClient,
  type QueryFunction,
  queryOptions,
  type UseQueryOptions,
} from '@tanstack/react-query'
import type { EmbedError } from '../core/errors.js'
import type { PortalResponse, PortalUserResponse } from '../core/portalAdmin.js'
import { fetchPortalUsers } from '../core/portalAdminClient.js'
import { SECRET_QUERY_META } from '../core/queryMeta.js'
import { retryDelayMs, shouldRetry } from '../core/retry.js'
import { unlessSignedOut } from '../core/signedOut.js'
import type { EmbedClientConfig } from '../core/wireClient.js'

/** A portal's user list counts as fresh this long; a remount or focus after it reads it again. */
const PORTAL_USERS_STALE_TIME_MS = 30_000
/** Users' addresses and names leave the cache this soon after nothing shows them. */
const PORTAL_USERS_GC_TIME_MS = 5 * 60_000

/** The query key of one portal's users under one endpoint. */
export function portalUsersQueryKey(config: Pick<EmbedClientConfig, 'endpoint'>, portalId: string) {
  return ['embedded-portals', 'portal-users', config.endpoint, portalId] as const
}

/** The query key under which `useCreatePortal` and `useUpdatePortal` leave the portal they answered. */
export function portalQueryKey(config: Pick<EmbedClientConfig, 'endpoint'>, portalId: string) {
  return ['embedded-portals', 'portal', config.endpoint, portalId] as const
}

/**
 * The mutation key of one portal's invites, removals, updates or deletion under one endpoint. A hook whose
 * portal changes lets go of a mutation still in flight, which keeps acting on the portal it was started for.
 */
export function portalAdminMutationKey(
  config: Pick<EmbedClientConfig, 'endpoint'>,
  operation: 'invite' | 'remove' | 'update' | 'delete',
  portalId: string,
) {
  return ['embedded-portals', `portal-admin:${operation}`, config.endpoint, portalId] as const
}

type PortalUsersQueryKey = ReturnType<typeof portalUsersQueryKey>

/** What `portalUsersQueryOptions` returns: react-query options, with a key tagged with the data it holds. */
export type PortalUsersQueryOptions = UseQueryOptions<
  PortalUserResponse[],
  EmbedError,
  PortalUserResponse[],
  ReturnType<typeof portalUsersQueryKey>
> & {
  queryKey: DataTag<ReturnType<typeof portalUsersQueryKey>, PortalUserResponse[], EmbedError>
  queryFn?: QueryFunction<PortalUserResponse[], ReturnType<typeof portalUsersQueryKey>>
}

/**
 * react-query options for a portal's users (`GET {endpoint}/portals/{portalId}/users`), for
 * `useQuery`, `prefetchQuery` or `ensureQueryData`. Personal data: never persisted or dehydrated.
 */
export function portalUsersQueryOptions(config: EmbedClientConfig, portalId: string): PortalUsersQueryOptions {
  return queryOptions<PortalUserResponse[], EmbedError, PortalUserResponse[], PortalUsersQueryKey>({
    queryKey: portalUsersQueryKey(config, portalId),
    queryFn: ({ signal }) => fetchPortalUsers(config, portalId, signal),
    staleTime: PORTAL_USERS_STALE_TIME_MS,
    gcTime: isServer ? Number.POSITIVE_INFINITY : PORTAL_USERS_GC_TIME_MS,
    retry: shouldRetry,
    retryDelay: retryDelayMs,
    refetchOnWindowFocus: unlessSignedOut,
    refetchOnReconnect: unlessSignedOut,
    meta: { ...SECRET_QUERY_META, kind: 'portal-users' },
  })
}

/** Keeps the portal an admin call answered, so that hosts showing it update without a read. */
export function rememberPortal(client: QueryClient, config: EmbedClientConfig, portal: PortalResponse): void {
  client.setQueryData(portalQueryKey(config, portal.id), portal)
}
