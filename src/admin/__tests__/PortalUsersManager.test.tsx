import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { ADA, ALAN, GRACE, PORTAL_ID, setupPortalAdmin } from '../../../test/support/portal-admin.js'
import type { PortalUserResponse } from '../../core/portalAdmin.js'
import { portalUsersFixture } from '../../testing/portalUsersFixture.js'
import { PortalUsersManager, type PortalUsersManagerProps } from '../PortalUsersManager.js'
import { portalUsersQueryKey } from '../portalUsersQuery.js'

type Setup = ReturnType<typeof setupPortalAdmin>

function renderManager(setup: Setup, props: Partial<PortalUsersManagerProps> = {}) {
  const Wrapper = setup.wrapper
  const view = render(
    <Wrapper>
      <PortalUsersManager portalId={PORTAL_ID} formatDate={(iso) => iso.slice(0, 10)} {...props} />
    </Wrapper>,
  )
  const root = () => view.container.querySelector('[data-embedded-portals="portal-users"]') as HTMLElement
  return { ...view, root }
}

const ready = (root: () => HTMLElement) => waitFor(() => expect(root()).toHaveAttribute('data-state', 'ready'))
const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1)
const emails = () => bodyRows().map((row) => within(row).getAllByRole('cell')[0]?.textContent)
const paste = (text: string) => fireEvent.change(screen.getByLabelText('Invite people'), { target: { value: text } })
const send = () => fireEvent.click(screen.getByRole('button', { name: 'Send invites' }))

describe('PortalUsersManager', () => {
  it('shows loading, then the users as a table with email, name, status and the invited or joined date', async () => {
    const setup = setupPortalAdmin()
    const { root } = renderManager(setup)
    expect(root()).toHaveAttribute('data-state', 'loading')
    expect(root()).toHaveAttribute('aria-busy', 'true')
    expect(screen.getByRole('status')).toHaveTextContent('Loading the portal’s users…') // the only one yet
    await ready(root)
    const table = screen.getByRole('table', { name: 'Portal users' })
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Email', 'Name', 'Status', 'Invited or joined', 'Actions'])
    expect(
      bodyRows().map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      [ADA.email, 'Ada Lovelace', 'Active', 'Joined 2026-11-02', 'Remove'],
      [GRACE.email, 'Grace Hopper', 'Invited', 'Invited 2026-11-20', 'Remove'],
      [ALAN.email, '', 'Invited', '', 'Remove'],
    ])
    expect(table.querySelector('time')).toHaveAttribute('dateTime', ADA.joined_at)
    expect(screen.getByText('3 users')).toBeInTheDocument()
  })

  it('says so when the portal has no users', async () => {
    const setup = setupPortalAdmin([])
    const { root } = renderManager(setup)
    await ready(root)
    expect(screen.getByText('No one has been invited to this portal yet.')).toBeInTheDocument()
    expect(screen.queryByRole('table')).toBeNull()
    expect(screen.getByLabelText('Invite people')).toBeInTheDocument()
  })

  it('shows a read failure with a retry, reports it once, and recovers', async () => {
    const setup = setupPortalAdmin()
    setup.admin.fail('list', 'forbidden')
    const onError = vi.fn()
    const { root } = renderManager(setup, { onError })
    await waitFor(() => expect(root()).toHaveAttribute('data-state', 'error'))
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The portal’s users could not be loaded. You do not have permission to do this.',
    )
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'forbidden' })
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await ready(root)
    expect(emails()).toEqual([ADA.email, GRACE.email, ALAN.email])
  })

  it('filters by every word typed, across email, name and status, and says when nothing matches', async () => {
    const setup = setupPortalAdmin()
    const { root } = renderManager(setup)
    await ready(root)
    const search = screen.getByRole('searchbox', { name: 'Search users' })
    fireEvent.change(search, { target: { value: 'HOPPER' } })
    expect(emails()).toEqual([GRACE.email])
    expect(screen.getByText('1 of 3 users')).toBeInTheDocument()
    fireEvent.change(search, { target: { value: 'invited alan' } })
    expect(emails()).toEqual([ALAN.email])
    fireEvent.change(search, { target: { value: 'nobody' } })
    expect(screen.getByText('No users match “nobody”.')).toBeInTheDocument()
    expect(screen.queryByRole('table')).toBeNull()
  })

  it('pages 5,000 users 50 at a time, and goes back to page 1 when the search changes', async () => {
    const users = portalUsersFixture(5000)
    const setup = setupPortalAdmin(users)
    const { root } = renderManager(setup)
    await ready(root)
    expect(bodyRows()).toHaveLength(50)
    const pages = screen.getByRole('navigation', { name: 'Pages of users' })
    expect(within(pages).getByText('Page 1 of 100')).toBeInTheDocument()
    expect(within(pages).getByRole('button', { name: 'Previous page' })).toBeDisabled()
    fireEvent.click(within(pages).getByRole('button', { name: 'Next page' }))
    expect(within(pages).getByText('Page 2 of 100')).toBeInTheDocument()
    expect(emails()[0]).toBe(users[50]?.email)
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'grace' } })
    expect(screen.getByText('Page 1 of 10')).toBeInTheDocument()
    expect(screen.getByText('500 of 5,000 users')).toBeInTheDocument()
    expect(emails().every((email) => email?.startsWith('grace.'))).toBe(true)
  })

  it('invites a pasted list: once per address, with a result for every address, partial failures included', async () => {
    const setup = setupPortalAdmin([ADA], {
      existingAccounts: ['linked@example.test'],
      refusedAddresses: { 'bounce@example.test': 'The mailbox does not exist.' },
    })
    const onInvited = vi.fn()
    const { root } = renderManager(setup, { onInvited })
    await ready(root)
    paste(
      'New Person <new@example.test>\nlinked@example.test, bounce@example.test; not-an-address\nNEW@example.test\nada@example.test',
    )
    send()
    const results = await screen.findByRole('region', {
      name: '1 invited, 1 linked to an existing account, 2 failed, 2 not sent',
    })
    expect(
      within(results)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'new@example.test: Invited',
      'linked@example.test: Linked an existing account',
      'bounce@example.test: Failed: The mailbox does not exist.',
      'not-an-address: Failed: not an email address',
      'NEW@example.test: Not sent: given more than once; sent once',
      'ada@example.test: Not sent: already a user of this portal',
    ])
    const posted = setup.admin.requests.filter((r) => r.operation === 'invite')
    expect(posted.map((r) => r.body)).toEqual([
      {
        users: [
          { email: 'new@example.test', first_name: 'New', last_name: 'Person' },
          { email: 'linked@example.test' },
          { email: 'bounce@example.test' },
        ],
      },
    ])
    // Only what is left to correct stays in the box; focus is on the summary.
    expect(screen.getByLabelText('Invite people')).toHaveValue('bounce@example.test\nnot-an-address')
    expect(document.activeElement).toHaveTextContent('1 invited, 1 linked')
    expect(onInvited).toHaveBeenCalledTimes(1)
    // The list is read again: the new users are in the table.
    await waitFor(() => expect(emails()).toEqual([ADA.email, 'new@example.test', 'linked@example.test']))
  })

  it('sends nothing for an empty paste, and keeps the text as typed when the request fails', async () => {
    const setup = setupPortalAdmin([ADA])
    const onError = vi.fn()
    const { root } = renderManager(setup, { onError })
    await ready(root)
    send()
    expect(screen.getByRole('alert')).toHaveTextContent('Paste at least one email address.')
    expect(screen.getByLabelText('Invite people')).toHaveAttribute('aria-invalid', 'true')
    expect(setup.admin.requests.filter((r) => r.operation === 'invite')).toHaveLength(0)

    setup.admin.fail('invite', 'validation_error', {
      fields: [{ path: 'users.1.email', message: 'is on a blocked domain' }],
    })
    paste('one@example.test\ntwo@blocked.test')
    send()
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'No one was invited. The request was refused because some of its fields are invalid. two@blocked.test: is on a blocked domain',
      ),
    )
    expect(screen.getByLabelText('Invite people')).toHaveValue('one@example.test\ntwo@blocked.test')
    expect(document.activeElement).toBe(screen.getByLabelText('Invite people'))
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'validation_error' })
  })

  it('removes a user only after a confirmation; cancel and Escape keep them and give focus back', async () => {
    const setup = setupPortalAdmin()
    const onRemoved = vi.fn()
    const { root } = renderManager(setup, { onRemoved })
    await ready(root)
    const removeGrace = () => screen.getByRole('button', { name: `Remove ${GRACE.email}` })
    fireEvent.click(removeGrace())
    const confirm = screen.getByRole('group', { name: `Remove ${GRACE.email} from this portal?` })
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Yes, remove' }))
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }))
    expect(document.activeElement).toBe(removeGrace())

    fireEvent.click(removeGrace())
    fireEvent.keyDown(screen.getByRole('button', { name: 'Yes, remove' }), { key: 'Escape' })
    expect(screen.queryByRole('group')).toBeNull()
    expect(document.activeElement).toBe(removeGrace())
    expect(setup.admin.requests.filter((r) => r.operation === 'remove')).toHaveLength(0)

    fireEvent.click(removeGrace())
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }))
    await waitFor(() => expect(emails()).toEqual([ADA.email, ALAN.email]))
    // Focus goes to the next row's button, the one now where Grace's was.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: `Remove ${ALAN.email}` }))
    await waitFor(() =>
      expect(root().querySelector('[data-embedded-portals="announcement"]')).toHaveTextContent(
        `${GRACE.email} was removed from the portal.`,
      ),
    )
    expect(onRemoved).toHaveBeenCalledWith(GRACE)
    expect(setup.admin.users(PORTAL_ID)?.map((u: PortalUserResponse) => u.id)).toEqual([ADA.id, ALAN.id])
  })

  it('puts a user whose removal failed back in the table and says why', async () => {
    const setup = setupPortalAdmin()
    const onError = vi.fn()
    const { root } = renderManager(setup, { onError })
    await ready(root)
    setup.admin.fail('remove', 'server_error')
    // The list cannot be read again: only the rollback can bring Grace back.
    setup.admin.fail('list', 'forbidden', { times: Number.POSITIVE_INFINITY })
    fireEvent.click(screen.getByRole('button', { name: `Remove ${GRACE.email}` }))
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }))
    await waitFor(() => expect(emails()).toEqual([ADA.email, ALAN.email]))
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        `${GRACE.email} could not be removed, and is back in the list. The portal service is unavailable right now. Retry in a moment.`,
      ),
    )
    expect(emails()).toEqual([ADA.email, GRACE.email, ALAN.email])
    expect(root()).toHaveAttribute('data-state', 'ready')
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'upstream_unavailable' }))
  })

  it('draws rows with renderRow (the default one on hand) and takes its texts from messages', async () => {
    const setup = setupPortalAdmin()
    const { root } = renderManager(setup, {
      messages: { caption: 'Guests', remove: 'Retirer', removeLabel: (email) => `Retirer ${email}` },
      renderRow: ({ user, defaultRow, requestRemove }) =>
        user.status === 'invited' ? (
          <tr key={user.id}>
            <td colSpan={4}>Pending: {user.email}</td>
            <td>
              <button type="button" onClick={requestRemove}>
                Revoke {user.email}
              </button>
            </td>
          </tr>
        ) : (
          defaultRow
        ),
    })
    await ready(root)
    expect(screen.getByRole('table', { name: 'Guests' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: `Retirer ${ADA.email}` })).toHaveTextContent('Retirer')
    expect(screen.getByText(`Pending: ${GRACE.email}`)).toBeInTheDocument()
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: `Revoke ${GRACE.email}` }))
    })
    expect(screen.queryByRole('button', { name: `Revoke ${GRACE.email}` })).toBeInTheDocument()
  })

  it('starts afresh for another portal: no search, invite text or message of the previous one is kept', async () => {
    const setup = setupPortalAdmin()
    setup.queryClient.setQueryData(portalUsersQueryKey({ endpoint: '/api/portals' }, 'portal-south'), [
      { ...ADA, id: 'u-south', email: 'south@example.test' },
    ])
    const Wrapper = setup.wrapper
    const view = (portalId: string) => (
      <Wrapper>
        <PortalUsersManager portalId={portalId} />
      </Wrapper>
    )
    const { rerender } = render(view(PORTAL_ID))
    await waitFor(() => expect(emails()).toEqual([ADA.email, GRACE.email, ALAN.email]))
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'ada' } })
    paste('north-only@example.test')
    fireEvent.click(screen.getByRole('button', { name: `Remove ${ADA.email}` }))
    rerender(view('portal-south'))
    expect(emails()).toEqual(['south@example.test'])
    expect(screen.getByRole('searchbox')).toHaveValue('')
    expect(screen.getByLabelText('Invite people')).toHaveValue('')
    expect(screen.queryByRole('group')).toBeNull()
  })

  it('keeps the box read-only while sending, and puts back a refused address with its name', async () => {
    const setup = setupPortalAdmin([ADA], {
      delayMs: 200,
      refusedAddresses: { 'bounce@example.test': 'The mailbox does not exist.' },
    })
    const { root } = renderManager(setup)
    await ready(root)
    paste('New Person <new@example.test>\nLovelace, Bo <bounce@example.test>')
    send()
    expect(screen.getByLabelText('Invite people')).toHaveAttribute('readonly')
    await waitFor(() => expect(screen.getByLabelText('Invite people')).not.toHaveAttribute('readonly'))
    expect(screen.getByLabelText('Invite people')).toHaveValue('Bo Lovelace <bounce@example.test>')
  })

  it('says how many users match once the search has rested 700 ms, not at each key; the count is not live', async () => {
    const setup = setupPortalAdmin()
    const { root } = renderManager(setup)
    await ready(root)
    const announcement = () => root().querySelector('[data-embedded-portals="announcement"]')
    const count = screen.getByText('3 users')
    expect(count.closest('[aria-live], [role="status"], output')).toBeNull()
    vi.useFakeTimers()
    try {
      fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'h' } })
      act(() => vi.advanceTimersByTime(400))
      fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'ho' } })
      act(() => vi.advanceTimersByTime(699))
      expect(announcement()).toHaveTextContent(/^$/)
      act(() => vi.advanceTimersByTime(1))
      expect(announcement()).toHaveTextContent('1 of 3 users')
      // The same count again is said again.
      fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'hop' } })
      act(() => vi.advanceTimersByTime(700))
      expect(announcement()?.textContent).toBe('1 of 3 users\u00a0')
    } finally {
      vi.useRealTimers()
    }
  })

  it('stays on the last page when the only user of a later page is removed, with focus on its last row', async () => {
    const users = portalUsersFixture(51)
    const setup = setupPortalAdmin(users)
    const { root } = renderManager(setup)
    await ready(root)
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }))
    const last = users[50] as PortalUserResponse
    fireEvent.click(screen.getByRole('button', { name: `Remove ${last.email}` }))
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }))
    await waitFor(() => expect(bodyRows()).toHaveLength(50))
    expect(document.activeElement).toBe(screen.getByRole('button', { name: `Remove ${users[49]?.email}` }))
    await waitFor(() => expect(setup.admin.requests.map((r) => r.operation)).toEqual(['list', 'remove', 'list']))
    // Back to 51 users: the table stays on page 1.
    paste('someone@example.test')
    send()
    await waitFor(() => expect(screen.getByText('Page 1 of 2')).toBeInTheDocument())
    expect(bodyRows()).toHaveLength(50)
  })
})
