import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ADA, ALAN, GRACE, PORTAL_ID, setupPortalAdmin } from '../../../test/support/portal-admin.js'
import type { EmbedError } from '../../core/errors.js'
import { isEmbedSecretQuery } from '../../core/query-meta.js'
import { portalQueryKey, portalUsersQueryKey } from '../portalUsersQuery.js'
import { useCreatePortal, useDeletePortal, useUpdatePortal } from '../usePortalMutations.js'
import { useInvitePortalUsers, useRemovePortalUser } from '../usePortalUserMutations.js'
import { usePortalUsers } from '../usePortalUsers.js'

const config = { endpoint: '/api/portals' }
const usersKey = portalUsersQueryKey(config, PORTAL_ID)

function renderAdmin(setup: ReturnType<typeof setupPortalAdmin>) {
  return renderHook(
    () => ({
      users: usePortalUsers(PORTAL_ID),
      invite: useInvitePortalUsers(PORTAL_ID),
      remove: useRemovePortalUser(PORTAL_ID),
    }),
    { wrapper: setup.wrapper },
  )
}

const ids = (users: readonly { id: string }[] | undefined) => users?.map((user) => user.id)

describe('usePortalUsers', () => {
  it('reads the list once for every component that asks, and never lets a persister keep it', async () => {
    const setup = setupPortalAdmin()
    const { result } = renderHook(() => [usePortalUsers(PORTAL_ID), usePortalUsers(PORTAL_ID)] as const, {
      wrapper: setup.wrapper,
    })
    expect(result.current[0].isPending).toBe(true)
    await waitFor(() => expect(result.current[0].isSuccess).toBe(true))
    expect(ids(result.current[1].data)).toEqual([ADA.id, GRACE.id, ALAN.id])
    expect(setup.admin.requests).toHaveLength(1)
    const query = setup.queryClient.getQueryCache().find({ queryKey: usersKey })
    expect(query && isEmbedSecretQuery(query)).toBe(true)
  })

  it('fails with a typed error and does not retry a 403', async () => {
    const setup = setupPortalAdmin()
    setup.admin.fail('list', 'forbidden', { times: Number.POSITIVE_INFINITY })
    const { result } = renderHook(() => usePortalUsers(PORTAL_ID), { wrapper: setup.wrapper })
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error).toMatchObject({ code: 'forbidden', status: 403 })
    expect(setup.admin.requests).toHaveLength(1)
  })
})

describe('useRemovePortalUser', () => {
  it('takes the user out of the list at once, then reads it again', async () => {
    const setup = setupPortalAdmin(undefined, { delayMs: 300 })
    const { result } = renderAdmin(setup)
    await waitFor(() => expect(result.current.users.isSuccess).toBe(true))
    let done: Promise<void> | undefined
    act(() => {
      done = result.current.remove.mutateAsync(GRACE.id)
    })
    await waitFor(() => expect(ids(result.current.users.data)).toEqual([ADA.id, ALAN.id]))
    expect(setup.admin.users(PORTAL_ID)).toHaveLength(3) // still on the server: the call is in flight
    await act(() => done)
    await waitFor(() => expect(setup.admin.requests.map((r) => r.operation)).toEqual(['list', 'remove', 'list']))
    expect(ids(result.current.users.data)).toEqual([ADA.id, ALAN.id])
  })

  it('puts the user back where they were when the removal fails, and rejects with the error', async () => {
    const setup = setupPortalAdmin(undefined, { delayMs: 300 })
    const { result } = renderAdmin(setup)
    await waitFor(() => expect(result.current.users.isSuccess).toBe(true))
    setup.admin.fail('remove', 'server_error')
    // The list cannot be read again afterwards: only the rollback can bring Grace back.
    setup.admin.fail('list', 'forbidden', { times: Number.POSITIVE_INFINITY })
    let outcome: Promise<EmbedError | null> | undefined
    act(() => {
      outcome = result.current.remove.mutateAsync(GRACE.id).then(
        () => null,
        (error: EmbedError) => error,
      )
    })
    await waitFor(() => expect(ids(result.current.users.data)).toEqual([ADA.id, ALAN.id]))
    expect(await outcome).toMatchObject({ code: 'upstream_unavailable', status: 500 })
    await waitFor(() => expect(ids(result.current.users.data)).toEqual([ADA.id, GRACE.id, ALAN.id]))
    expect(setup.admin.requests.map((r) => r.operation)).toEqual(['list', 'remove', 'list'])
    expect(result.current.remove.error).toMatchObject({ code: 'upstream_unavailable' })
  })

  it('rolls back only the removal that failed when two are in flight', async () => {
    const setup = setupPortalAdmin(undefined, { delayMs: 300 })
    const { result } = renderAdmin(setup)
    await waitFor(() => expect(result.current.users.isSuccess).toBe(true))
    setup.admin.fail('remove', 'network_error')
    setup.admin.fail('list', 'forbidden', { times: Number.POSITIVE_INFINITY })
    let both: Promise<unknown> | undefined
    act(() => {
      both = Promise.allSettled([result.current.remove.mutateAsync(ADA.id), result.current.remove.mutateAsync(ALAN.id)])
    })
    await waitFor(() => expect(ids(result.current.users.data)).toEqual([GRACE.id]))
    await act(() => both)
    expect(ids(result.current.users.data)).toEqual([ADA.id, GRACE.id])
    expect(ids(setup.admin.users(PORTAL_ID))).toEqual([ADA.id, GRACE.id])
  })
})

describe('useInvitePortalUsers', () => {
  it('answers one result per address, partial failures included, and reads the list again', async () => {
    const setup = setupPortalAdmin([ADA], {
      existingAccounts: ['linked@example.test'],
      refusedAddresses: { 'bounce@example.test': 'The mailbox does not exist.' },
    })
    const { result } = renderAdmin(setup)
    await waitFor(() => expect(result.current.users.isSuccess).toBe(true))
    let response: Awaited<ReturnType<typeof result.current.invite.mutateAsync>> | undefined
    await act(async () => {
      response = await result.current.invite.mutateAsync([
        { email: 'new@example.test', first_name: 'New' },
        { email: 'linked@example.test' },
        { email: 'bounce@example.test' },
        { email: ADA.email },
      ])
    })
    expect(response?.results.map((r) => [r.email, r.status, r.error])).toEqual([
      ['new@example.test', 'invited', null],
      ['linked@example.test', 'linked', null],
      ['bounce@example.test', 'failed', 'The mailbox does not exist.'],
      [ADA.email, 'failed', 'This address is already a user of this portal.'],
    ])
    await waitFor(() => expect(result.current.users.data).toHaveLength(3))
    expect(result.current.users.data?.find((u) => u.email === 'linked@example.test')?.status).toBe('active')
  })

  it('sends more than 500 people in batches of 500, in order', async () => {
    const setup = setupPortalAdmin([])
    const { result } = renderAdmin(setup)
    await waitFor(() => expect(result.current.users.isSuccess).toBe(true))
    const people = Array.from({ length: 1001 }, (_, i) => ({ email: `p${i}@example.test` }))
    let count = 0
    await act(async () => {
      count = (await result.current.invite.mutateAsync(people)).results.length
    })
    expect(count).toBe(1001)
    const posts = setup.admin.requests.filter((r) => r.operation === 'invite')
    expect(posts.map((r) => (r.body as { users: unknown[] }).users.length)).toEqual([500, 500, 1])
    expect(posts[2]?.body).toEqual({ users: [{ email: 'p1000@example.test' }] })
  })
})

describe('portal mutations', () => {
  it('creates a portal (with an empty user list cached), renames it, and deletes it only once confirmed', async () => {
    const setup = setupPortalAdmin()
    const { result: create } = renderHook(() => useCreatePortal(), { wrapper: setup.wrapper })
    let id = ''
    await act(async () => {
      id = (await create.current.mutateAsync({ name: 'South clinic' })).id
    })
    expect(setup.queryClient.getQueryData(portalUsersQueryKey(config, id))).toEqual([])
    const { result } = renderHook(() => ({ update: useUpdatePortal(id), remove: useDeletePortal(id) }), {
      wrapper: setup.wrapper,
    })
    await act(async () => {
      await result.current.update.mutateAsync({ name: 'South' })
    })
    expect(setup.queryClient.getQueryData(portalQueryKey(config, id))).toMatchObject({ id, name: 'South' })

    const refused = await act(() =>
      result.current.remove.mutateAsync({ confirm: 'south' }).then(
        () => null,
        (error: EmbedError) => error,
      ),
    )
    expect(refused).toMatchObject({ code: 'validation_error', fields: [{ path: 'confirm' }] })
    expect(setup.admin.requests.filter((r) => r.operation === 'delete')).toHaveLength(0)

    await act(async () => {
      await result.current.remove.mutateAsync({ confirm: id })
    })
    expect(setup.admin.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/portals/${id}?confirm=${id}` })
    expect(setup.queryClient.getQueryData(portalUsersQueryKey(config, id))).toBeUndefined()
    expect(setup.queryClient.getQueryData(portalQueryKey(config, id))).toBeUndefined()
  })

  it('rejects a refused name with its field errors', async () => {
    const setup = setupPortalAdmin()
    const { result } = renderHook(() => useCreatePortal(), { wrapper: setup.wrapper })
    const error = await act(() =>
      result.current.mutateAsync({ name: '' }).then(
        () => null,
        (e: EmbedError) => e,
      ),
    )
    expect(error).toMatchObject({ code: 'validation_error', fields: [{ path: 'name' }] })
  })
})
