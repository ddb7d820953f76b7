import { type UseMutationResult, useMutation } from '@tanstack/react-query'
import type { EmbedError } from '../core/errors.js'
import { inviteInBatches } from '../core/inviteBatches.js'
import type { PortalUserInvite, PortalUserInviteResponse, PortalUserResponse } from '../core/portalAdmin.js'
import { deletePortalUser } from '../core/portalAdminClient.js'
import { SECRET_QUERY_META } from '../core/queryMeta.js'
import { useEmbedContext } from '../provider/context.js'
import { portalAdminMutationKey, portalUsersQueryKey } from './portalUsersQuery.js'

/**
 * Invites people to a portal (`POST {endpoint}/portals/{portalId}/users`). Resolves with one result per
 * address, in the order given: `invited` (a new guest), `linked` (an existing account was added) or
 * `failed` with its `error`; a partial failure still resolves. Lists longer than 500 go in batches of
 * 500, one after the other: if a later batch fails, the earlier results stay and every address not
 * confirmed is `failed` with the reason. An address that is not one, or the first request failing,
 * rejects with the `EmbedError` (nobody was invited). Then the portal's user list is read again.
 */
export function useInvitePortalUsers(
  portalId: string,
): UseMutationResult<PortalUserInviteResponse, EmbedError, readonly PortalUserInvite[]> {
  const { config, queryClient } = useEmbedContext('useInvitePortalUsers')
  return useMutation<PortalUserInviteResponse, EmbedError, readonly PortalUserInvite[]>(
    {
      // With the portal in the key, a change of `portalId` detaches a call in flight from this hook.
      mutationKey: portalAdminMutationKey(config, 'invite', portalId),
      mutationFn: (users) => inviteInBatches(config, portalId, users),
      onSettled: () => queryClient.invalidateQueries({ queryKey: portalUsersQueryKey(config, portalId) }),
      // Addresses and names: nothing of the mutation stays once it settled, and no persister keeps it.
      gcTime: 0,
      meta: SECRET_QUERY_META,
    },
    queryClient,
  )
}

interface Removed {
  user: PortalUserResponse
  index: number
}

/**
 * Removes a user from a portal (`DELETE {endpoint}/portals/{portalId}/users/{userId}`); the variable
 * is the user's id. The user leaves the cached list at once, and `usePortalUsers` keeps them out while
 * the call is in flight, whatever a read in between answers. If the call fails, they come back where
 * they were (other removals in flight are not undone) and the mutation rejects with the `EmbedError`.
 * Once the last removal in flight has settled, the list is read again.
 */
export function useRemovePortalUser(portalId: string): UseMutationResult<void, EmbedError, string> {
  const { config, queryClient } = useEmbedContext('useRemovePortalUser')
  const queryKey = portalUsersQueryKey(config, portalId)
  const mutationKey = portalAdminMutationKey(config, 'remove', portalId)
  return useMutation<void, EmbedError, string, Removed | undefined>(
    {
      mutationKey,
      mutationFn: (userId) => deletePortalUser(config, portalId, userId),
      onMutate: async (userId) => {
        // A read in flight would bring the user back: it is cancelled, and the list read after the call.
        await queryClient.cancelQueries({ queryKey })
        const users = queryClient.getQueryData<PortalUserResponse[]>(queryKey)
        const index = users?.findIndex((user) => user.id === userId) ?? -1
        const user = users?.[index]
        if (!users || !user) return undefined
        queryClient.setQueryData<PortalUserResponse[]>(
          queryKey,
          users.filter((candidate) => candidate.id !== userId),
        )
        return { user, index }
      },
      onError: (_error, _userId, removed) => {
        if (!removed) return
        const { user, index } = removed
        queryClient.setQueryData<PortalUserResponse[]>(queryKey, (users = []) =>
          users.some((candidate) => candidate.id === user.id)
            ? users
            : [...users.slice(0, index), user, ...users.slice(index)],
        )
      },
      // This call is still counted as pending here: only the last one settling reads the list, so a read
      // cannot answer while another removal is in flight and bring its user back.
      onSettled: () =>
        queryClient.isMutating({ mutationKey }) === 1 ? queryClient.invalidateQueries({ queryKey }) : undefined,
      gcTime: 0,
      meta: SECRET_QUERY_META,
    },
    queryClient,
  )
}
