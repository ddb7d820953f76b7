import { act, renderHook, waitFor } from '@testing-library/react'
import { delay, HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { server } from '../../../test/support/msw-server.js'
import { ADA, ALAN, GRACE, PORTAL_ID, setupPortalAdmin } from '../../../test/support/portal-admin.js'
import type { EmbedError } from '../../core/errors.js'
import type { PortalUserInviteResponse } from '../../core/portalAdmin.js'
import { isEmbedSecretQuery } from '../../core/queryMeta.js'
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

  it('reads once when signed out: a 401 is asked again neither on focus nor when the connection comes back', async () => {
    const setup = setupPortalAdmin()
    let reads = 0
    server.use(
      http.get('*/api/portals/portals/:portalId/users', () => {
        reads += 1
        return HttpResponse.json({ error: 'unauthorized', message: 'Sign in.' }, { status: 401 })
      }),
    )
    const { result } = renderHook(() => usePortalUsers(PORTAL_ID), { wrapper: setup.wrapper })
    await waitFor(() => expect(result.current.error?.code).toBe('unauthorized'))
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'))
      window.dispatchEvent(new Event('focus'))
      window.dispatchEvent(new Event('offline'))
      window.dispatchEvent(new Event('online'))
    })
    await delay(50)
    expect(reads).toBe(1)
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
    expect(await outcome).toMatchObject({ code: 'upstream_unavailable', status: 502 })
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
  it('keeps a user out while their removal is in flight, even from a list read meanwhile, and reads once at the end', async () => {
    const setup = setupPortalAdmin()
    // Grace's DELETE waits 400 ms before the admin endpoint sees it; Ada's is answered at once.
    server.use(
      http.delete(`*/portals/${PORTAL_ID}/users/${GRACE.id}`, async () => {
        await delay(400)
      }),
    )
    const { result } = renderAdmin(setup)
    await waitFor(() => expect(result.current.users.isSuccess).toBe(true))
    let grace: Promise<void> | undefined
    await act(async () => {
      const ada = result.current.remove.mutateAsync(ADA.id)
      grace = result.current.remove.mutateAsync(GRACE.id)
      await ada
    })
    // Ada's removal settled while Grace's is in flight: no read yet, and Grace stays out.
    expect(setup.admin.requests.map((r) => r.operation)).toEqual(['list', 'remove'])
    expect(ids(result.current.users.data)).toEqual([ALAN.id])
    // A read meanwhile (a window focus, another component) answers with Grace still on the server.
    await act(() => setup.queryClient.invalidateQueries({ queryKey: usersKey }))
    expect(ids(setup.queryClient.getQueryData(usersKey))).toEqual([GRACE.id, ALAN.id])
    expect(ids(result.current.users.data)).toEqual([ALAN.id])
    await act(() => grace)
    await waitFor(() =>
      expect(setup.admin.requests.map((r) => r.operation)).toEqual(['list', 'remove', 'list', 'remove', 'list']),
    )
    expect(ids(result.current.users.data)).toEqual([ALAN.id])
  })

  it('puts a failed removal back in its own portal when the hook has moved to another portal meanwhile', async () => {
    const setup = setupPortalAdmin(undefined, { delayMs: 300 })
    const other = portalUsersQueryKey(config, 'portal-south')
    setup.queryClient.setQueryData(other, [{ ...ADA, id: 'u-south', email: 'south@example.test' }])
    const { result, rerender } = renderHook(
      ({ portalId }) => ({ users: usePortalUsers(portalId), remove: useRemovePortalUser(portalId) }),
      { wrapper: setup.wrapper, initialProps: { portalId: PORTAL_ID } },
    )
    await waitFor(() => expect(result.current.users.isSuccess).toBe(true))
    setup.admin.fail('remove', 'server_error')
    setup.admin.fail('list', 'forbidden', { times: Number.POSITIVE_INFINITY })
    let outcome: Promise<unknown> | undefined
    act(() => {
      outcome = result.current.remove.mutateAsync(GRACE.id).catch((error: EmbedError) => error.code)
    })
    await waitFor(() => expect(ids(setup.queryClient.getQueryData(usersKey))).toEqual([ADA.id, ALAN.id]))
    rerender({ portalId: 'portal-south' })
    expect(result.current.remove.isIdle).toBe(true)
    expect(await outcome).toBe('upstream_unavailable')
    expect(ids(setup.queryClient.getQueryData(usersKey))).toEqual([ADA.id, GRACE.id, ALAN.id])
    expect(ids(setup.queryClient.getQueryData(other))).toEqual(['u-south'])
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

  it('refuses a list with something that is not an address before any request, pointing at it', async () => {
    const setup = setupPortalAdmin([])
    const { result } = renderAdmin(setup)
    await waitFor(() => expect(result.current.users.isSuccess).toBe(true))
    let error: EmbedError | undefined
    await act(async () => {
      await result.current.invite
        .mutateAsync([{ email: 'ok@example.test' }, { email: 'nope' }])
        .catch((caught: EmbedError) => {
          error = caught
        })
    })
    expect(error).toMatchObject({ code: 'validation_error', fields: [{ path: 'users.1.email' }] })
    expect(setup.admin.requests.filter((r) => r.operation === 'invite')).toHaveLength(0)
  })

  it('keeps the results of the batches sent when a later one fails, and fails each address not confirmed', async () => {
    const setup = setupPortalAdmin([])
    // The second request is refused: address 3 of that batch by field, the rest of it by the message.
    let posts = 0
    server.use(
      http.post(`*/portals/${PORTAL_ID}/users`, () => {
        posts += 1
        if (posts === 2) {
          setup.admin.fail('invite', 'validation_error', {
            fields: [{ path: 'users.3.email', message: 'is on the blocklist' }],
          })
        }
      }),
    )
    const { result } = renderAdmin(setup)
    await waitFor(() => expect(result.current.users.isSuccess).toBe(true))
    const people = Array.from({ length: 1001 }, (_, i) => ({ email: `p${i}@example.test` }))
    let response: Awaited<ReturnType<typeof result.current.invite.mutateAsync>> | undefined
    await act(async () => {
      response = await result.current.invite.mutateAsync(people)
    })
    expect(posts).toBe(2)
    expect(response?.results).toHaveLength(1001)
    expect(response?.results.slice(0, 500).every((r) => r.status === 'invited')).toBe(true)
    expect(response?.results[503]).toEqual({
      email: 'p503@example.test',
      status: 'failed',
      user_id: null,
      error: 'is on the blocklist',
    })
    expect(response?.results[500]).toMatchObject({
      status: 'failed',
      error: 'The request was refused because some of its fields are invalid.',
    })
    expect(response?.results[1000]).toMatchObject({ email: 'p1000@example.test', status: 'failed' })
    await waitFor(() => expect(result.current.users.data).toHaveLength(500))
  })

  it('rejects when the first request fails: nobody was invited', async () => {
    const setup = setupPortalAdmin([])
    setup.admin.fail('invite', 'server_error')
    const { result } = renderAdmin(setup)
    await waitFor(() => expect(result.current.users.isSuccess).toBe(true))
    const people = Array.from({ length: 600 }, (_, i) => ({ email: `p${i}@example.test` }))
    let error: EmbedError | undefined
    await act(async () => {
      await result.current.invite.mutateAsync(people).catch((caught: EmbedError) => {
        error = caught
      })
    })
    expect(error).toMatchObject({ code: 'upstream_unavailable', status: 502 })
    expect(setup.admin.requests.filter((r) => r.operation === 'invite')).toHaveLength(1)
  })

  it('reports an address the server gave no result for as unconfirmed, never as failed', async () => {
    const setup = setupPortalAdmin([])
    server.use(http.post(`*/portals/${PORTAL_ID}/users`, () => HttpResponse.json({ results: [] }, { status: 201 })))
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { result } = renderAdmin(setup)
    await waitFor(() => expect(result.current.users.isSuccess).toBe(true))
    let response: PortalUserInviteResponse | undefined
    await act(async () => {
      response = await result.current.invite.mutateAsync([{ email: 'a@example.test' }])
    })
    expect(response?.results).toEqual([{ email: 'a@example.test', status: 'unconfirmed', user_id: null, error: null }])
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
