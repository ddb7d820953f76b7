import { type UseQueryResult, useMutationState, useQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import type { EmbedError } from '../core/errors.js'
import type { PortalUserResponse } from '../core/portalAdmin.js'
import { useEmbedContext } from '../provider/context.js'
import { portalAdminMutationKey, portalUsersQueryOptions } from './portalUsersQuery.js'

/**
 * The users of a portal (`GET {endpoint}/portals/{portalId}/users`), as a react-query result: `data`
 * is the list, `error` an `EmbedError` (`forbidden` when the signed-in user is not an administrator,
 * `not_found` for an unknown portal). Kept for 30 s, shared by every component that asks for the same
 * portal, and updated by `useInvitePortalUsers` and `useRemovePortalUser`: a user whose removal is in
 * flight is left out, even from a list read meanwhile.
 */
export function usePortalUsers(portalId: string): UseQueryResult<PortalUserResponse[], EmbedError> {
  const { config, queryClient } = useEmbedContext('usePortalUsers')
  const removing = useMutationState(
    {
      filters: { mutationKey: portalAdminMutationKey(config, 'remove', portalId), status: 'pending' },
      select: (mutation) => String(mutation.state.variables),
    },
    queryClient,
  )
  // react-query gives back the same array while the same ids are pending, so `select` changes with them only.
  const select = useCallback(
    (users: PortalUserResponse[]) =>
      removing.length > 0 ? users.filter((user) => !removing.includes(user.id)) : users,
    [removing],
  )
  return useQuery({ ...portalUsersQueryOptions(config, portalId), select }, queryClient)
}
