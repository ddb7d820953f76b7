import { type UseMutationResult, useMutation } from '@tanstack/react-query'
import type { EmbedError } from '../core/errors.js'
import type { PortalCreateRequest, PortalResponse, PortalUpdateRequest } from '../core/portalAdmin.js'
import { deletePortalById, patchPortal, postPortal } from '../core/portalAdminClient.js'
import { useEmbedContext } from '../provider/context.js'
import { portalAdminMutationKey, portalQueryKey, portalUsersQueryKey, rememberPortal } from './portalUsersQuery.js'

/**
 * Creates a portal (`POST {endpoint}/portals` with `{name, custom_domain?}`). Resolves with the new
 * portal; a refused name or domain rejects with `validation_error` and its `fields`
 * (`name`, `custom_domain`).
 */
export function useCreatePortal(): UseMutationResult<PortalResponse, EmbedError, PortalCreateRequest> {
  const { config, queryClient } = useEmbedContext('useCreatePortal')
  return useMutation<PortalResponse, EmbedError, PortalCreateRequest>(
    {
      mutationFn: (portal) => postPortal(config, portal),
      onSuccess: (portal) => {
        rememberPortal(queryClient, config, portal)
        // A new portal has no users yet: its list needs no read.
        queryClient.setQueryData(portalUsersQueryKey(config, portal.id), [])
      },
    },
    queryClient,
  )
}

/** Renames a portal or changes its custom domain (`PATCH {endpoint}/portals/{portalId}`); null removes the domain. */
export function useUpdatePortal(portalId: string): UseMutationResult<PortalResponse, EmbedError, PortalUpdateRequest> {
  const { config, queryClient } = useEmbedContext('useUpdatePortal')
  return useMutation<PortalResponse, EmbedError, PortalUpdateRequest>(
    {
      mutationKey: portalAdminMutationKey(config, 'update', portalId),
      mutationFn: (changes) => patchPortal(config, portalId, changes),
      onSuccess: (portal) => rememberPortal(queryClient, config, portal),
    },
    queryClient,
  )
}

/** The explicit confirmation a portal's deletion needs. */
export interface DeletePortalVariables {
  /** The portal's id, typed again by the person deleting it. Anything else is refused before any request. */
  confirm: string
}

/**
 * Deletes a portal and drops its database (`DELETE {endpoint}/portals/{portalId}?confirm=…`). It runs
 * only with `{confirm: portalId}`; a mismatch rejects with `validation_error` (field `confirm`) and no
 * request. Afterwards nothing of the portal or its users stays in the cache.
 */
export function useDeletePortal(portalId: string): UseMutationResult<void, EmbedError, DeletePortalVariables> {
  const { config, queryClient } = useEmbedContext('useDeletePortal')
  return useMutation<void, EmbedError, DeletePortalVariables>(
    {
      mutationKey: portalAdminMutationKey(config, 'delete', portalId),
      mutationFn: ({ confirm }) => deletePortalById(config, portalId, confirm),
      onSuccess: async () => {
        const users = portalUsersQueryKey(config, portalId)
        await queryClient.cancelQueries({ queryKey: users })
        queryClient.removeQueries({ queryKey: users })
        queryClient.removeQueries({ queryKey: portalQueryKey(config, portalId) })
      },
    },
    queryClient,
  )
}
