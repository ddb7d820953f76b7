import { type UseQueryResult, useQuery } from '@tanstack/react-query'
import type { EmbedError } from '../core/errors.js'
import type { PortalUserResponse } from '../core/portal-admin.js'
import { useEmbedContext } from '../provider/context.js'
import { portalUsersQueryOptions } from './portalUsersQuery.js'

/**
 * The users of a portal (`GET {endpoint}/portals/{portalId}/users`), as a react-query result: `data`
 * is the list, `error` an `EmbedError` (`forbidden` when the signed-in user is not an administrator,
 * `not_found` for an unknown portal). Kept for 30 s, shared by every component that asks for the same
 * portal, and updated by `useInvitePortalUsers` and `useRemovePortalUser`.
 */
export function usePortalUsers(portalId: string): UseQueryResult<PortalUserResponse[], EmbedError> {
  const { config, queryClient } = useEmbedContext('usePortalUsers')
  return useQuery(portalUsersQueryOptions(config, portalId), queryClient)
}
