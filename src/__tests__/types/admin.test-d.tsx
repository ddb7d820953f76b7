// Type tests of portal administration (hooks, component, test kit), checked by `npm run typecheck`.
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query'
import { expectTypeOf } from 'vitest'
import {
  type DeletePortalVariables,
  type EmbedError,
  type PortalCreateRequest,
  type PortalResponse,
  type PortalUpdateRequest,
  type PortalUserInvite,
  type PortalUserInviteResponse,
  type PortalUserResponse,
  type PortalUserRowRenderProps,
  PortalUsersManager,
  type PortalUsersManagerMessages,
  useCreatePortal,
  useDeletePortal,
  useInvitePortalUsers,
  usePortalUsers,
  useRemovePortalUser,
  useUpdatePortal,
} from '../../index.js'
import { type PortalAdminFailure, type PortalAdminOperation, portalAdminHandlers } from '../../testing/index.js'

expectTypeOf(usePortalUsers).returns.toEqualTypeOf<UseQueryResult<PortalUserResponse[], EmbedError>>()
expectTypeOf(useInvitePortalUsers).returns.toEqualTypeOf<
  UseMutationResult<PortalUserInviteResponse, EmbedError, readonly PortalUserInvite[]>
>()
expectTypeOf(useRemovePortalUser).returns.toEqualTypeOf<UseMutationResult<void, EmbedError, string>>()
expectTypeOf(useCreatePortal).returns.toEqualTypeOf<
  UseMutationResult<PortalResponse, EmbedError, PortalCreateRequest>
>()
expectTypeOf(useUpdatePortal).returns.toEqualTypeOf<
  UseMutationResult<PortalResponse, EmbedError, PortalUpdateRequest>
>()
expectTypeOf(useDeletePortal).returns.toEqualTypeOf<UseMutationResult<void, EmbedError, DeletePortalVariables>>()
expectTypeOf<DeletePortalVariables>().toEqualTypeOf<{ confirm: string }>()
expectTypeOf<PortalUserResponse['status']>().toEqualTypeOf<'invited' | 'active'>()

declare const remove: ReturnType<typeof useDeletePortal>
// @ts-expect-error the deletion needs its confirmation
remove.mutate({})
declare const invite: ReturnType<typeof useInvitePortalUsers>
// @ts-expect-error a list of people, not addresses
invite.mutate(['ada@example.test'])

const managers = [
  <PortalUsersManager key="a" portalId="p1" />,
  <PortalUsersManager
    key="b"
    portalId="p1"
    pageSize={25}
    messages={{ caption: 'Guests', count: (shown, total) => `${shown}/${total}` }}
    renderRow={(row) => {
      expectTypeOf(row).toEqualTypeOf<PortalUserRowRenderProps>()
      return row.user.status === 'invited' ? <tr key={row.user.id} /> : row.defaultRow
    }}
    onInvited={({ results }) => results.map((result) => result.status)}
    onError={(error) => error.code}
  />,
  // @ts-expect-error the portal is required
  <PortalUsersManager key="c" />,
  // @ts-expect-error messages that count are functions
  <PortalUsersManager key="d" portalId="p1" messages={{ count: '3 users' }} />,
]
expectTypeOf(managers).items.toEqualTypeOf<React.JSX.Element>()
expectTypeOf<PortalUsersManagerMessages['removeLabel']>().toEqualTypeOf<(email: string) => string>()

const admin = portalAdminHandlers({ portals: { p1: { users: [] } }, existingAccounts: ['a@example.test'] })
admin.fail('remove', 'server_error', { times: 2 })
expectTypeOf<PortalAdminOperation>().toEqualTypeOf<'list' | 'invite' | 'remove' | 'create' | 'update' | 'delete'>()
// @ts-expect-error an unknown failure
admin.fail('list', 'teapot' satisfies PortalAdminFailure)
