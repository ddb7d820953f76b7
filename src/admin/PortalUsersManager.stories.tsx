import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { ADA, ALAN, GRACE, PORTAL_ID } from '../../test/support/portal-users.js'
import type { PortalUserResponse } from '../core/portalAdmin.js'
import {
  type PortalAdminHandlers,
  type PortalAdminHandlersOptions,
  portalAdminHandlers,
} from '../testing/portalAdminHandlers.js'
import { portalUsersFixture } from '../testing/portalUsersFixture.js'
import { DEFAULT_PORTAL_USERS_MESSAGES as M } from './messages.js'
import { PortalUsersManager } from './PortalUsersManager.js'

const THREE = [ADA, GRACE, ALAN]

interface Plan extends Omit<PortalAdminHandlersOptions, 'portals' | 'endpoint'> {
  users?: readonly PortalUserResponse[]
  /** Failures to arm before the story renders (after the reset). */
  arm?: (admin: PortalAdminHandlers) => void
}

/** The host's admin endpoint for one story (one portal with `users`), back to its seed before each run. */
function mockPortal(plan: Plan = {}) {
  const { users = THREE, arm, ...options } = plan
  const admin = portalAdminHandlers({ ...options, portals: { [PORTAL_ID]: { name: 'North clinic', users } } })
  const story = {
    parameters: { msw: { handlers: admin.handlers } },
    beforeEach: () => {
      admin.reset()
      arm?.(admin)
    },
  }
  return { admin, story }
}

const root = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('[data-embedded-portals="portal-users"]') as HTMLElement
const announcement = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('[data-embedded-portals="announcement"]') as HTMLElement
const ready = (canvasElement: HTMLElement) =>
  waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'ready'))
const bodyRows = (canvasElement: HTMLElement) =>
  within(within(canvasElement).getByRole('table', { name: M.caption }))
    .getAllByRole('row')
    .slice(1)
const cellTexts = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent)
const emails = (canvasElement: HTMLElement) => bodyRows(canvasElement).map((row) => cellTexts(row)[0])

const meta = {
  title: 'Admin/PortalUsersManager',
  component: PortalUsersManager,
  tags: ['autodocs'],
  args: { portalId: PORTAL_ID, onInvited: fn(), onRemoved: fn(), onError: fn() },
  parameters: { docs: { story: { inline: false, height: '700px' } } },
} satisfies Meta<typeof PortalUsersManager>

export default meta
type Story = StoryObj<typeof meta>

const loading = mockPortal({ delayMs: 60_000 })
/** The users are being read: a polite status says so, and the root is busy. */
export const Loading: Story = {
  ...loading.story,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'loading')
    await expect(root(canvasElement)).toHaveAttribute('aria-busy', 'true')
    await expect(canvas.getByRole('status')).toHaveTextContent(M.loading)
    await expect(canvas.queryByRole('table')).toBeNull()
    await expect(canvas.queryByLabelText(M.inviteLabel)).toBeNull()
  },
}

const readyWithUsers = mockPortal()
/** A few users: email, name, status and the invited or joined date, with a remove button each. */
export const Ready: Story = {
  ...readyWithUsers.story,
  play: async ({ canvasElement }) => {
    await ready(canvasElement)
    const canvas = within(canvasElement)
    const table = canvas.getByRole('table', { name: M.caption })
    await expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual([M.columnEmail, M.columnName, M.columnStatus, M.columnDate, M.columnActions])
    const rows = bodyRows(canvasElement).map(cellTexts)
    await expect(rows.map((cells) => cells.slice(0, 3))).toEqual([
      [ADA.email, 'Ada Lovelace', M.statusActive],
      [GRACE.email, 'Grace Hopper', M.statusInvited],
      [ALAN.email, '', M.statusInvited],
    ])
    await expect(rows[0]?.[3]).toMatch(/^Joined /)
    await expect(rows[1]?.[3]).toMatch(/^Invited /)
    await expect(rows[2]?.[3]).toBe('')
    await expect(table.querySelector('time')).toHaveAttribute('dateTime', ADA.joined_at)
    await expect(canvas.getByText(M.count(3, 3))).toBeInTheDocument()
    await expect(canvas.getByText('3 users')).toBeInTheDocument()
    for (const user of THREE) {
      await expect(canvas.getByRole('button', { name: M.removeLabel(user.email) })).toHaveTextContent(M.remove)
    }
    await expect(canvas.queryByRole('navigation', { name: M.pagination })).toBeNull()
  },
}

const empty = mockPortal({ users: [] })
/** No one yet: a sentence instead of the table, and the invite box to start with. */
export const Empty: Story = {
  ...empty.story,
  play: async ({ canvasElement }) => {
    await ready(canvasElement)
    const canvas = within(canvasElement)
    await expect(canvas.getByText('No one has been invited to this portal yet.')).toBeInTheDocument()
    await expect(canvas.queryByRole('table')).toBeNull()
    await expect(canvas.getByLabelText(M.inviteLabel)).toBeInTheDocument()
    await expect(canvas.getByRole('button', { name: M.send })).toBeInTheDocument()
  },
}

const loadError = mockPortal({ arm: (admin) => admin.fail('list', 'forbidden', { times: Number.POSITIVE_INFINITY }) })
/** The list cannot be read (403, not retried): an alert with the reason and a retry button. */
export const LoadError: Story = {
  ...loadError.story,
  play: async ({ canvasElement, args }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'error'))
    const canvas = within(canvasElement)
    const alert = canvas.getByRole('alert')
    await expect(alert).toHaveTextContent(
      'The portal’s users could not be loaded. You do not have permission to do this.',
    )
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'forbidden' }))
    await expect(canvas.queryByRole('table')).toBeNull()
    const retry = within(alert).getByRole('button', { name: M.retry })
    await userEvent.click(retry)
    // Still refused: the list was asked for again, and the error stays.
    await waitFor(() =>
      expect(loadError.admin.requests.filter((request) => request.operation === 'list')).toHaveLength(2),
    )
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'error'))
    await expect(canvas.getByRole('button', { name: M.retry })).toBeInTheDocument()
  },
}

const search = mockPortal()
/** Every word typed narrows the table (email, name, status); the count says how many match. */
export const Search: Story = {
  ...search.story,
  play: async ({ canvasElement }) => {
    await ready(canvasElement)
    const canvas = within(canvasElement)
    const box = canvas.getByRole('searchbox', { name: M.searchLabel })
    await userEvent.type(box, 'hopper')
    await waitFor(() => expect(emails(canvasElement)).toEqual([GRACE.email]))
    await expect(canvas.getByText('1 of 3 users')).toBeInTheDocument()
    await userEvent.clear(box)
    await userEvent.type(box, 'invited alan')
    await waitFor(() => expect(emails(canvasElement)).toEqual([ALAN.email]))
    await userEvent.clear(box)
    await userEvent.type(box, 'nobody')
    await waitFor(() => expect(canvas.getByText('No users match “nobody”.')).toBeInTheDocument())
    await expect(canvas.queryByRole('table')).toBeNull()
    await expect(canvas.getByText('0 of 3 users')).toBeInTheDocument()
    await userEvent.clear(box)
    await waitFor(() => expect(emails(canvasElement)).toEqual(THREE.map((user) => user.email)))
  },
}

const FIVE_THOUSAND = portalUsersFixture(5000)
const paginated = mockPortal({ users: FIVE_THOUSAND })
/** 5,000 users, 50 a page: the pager moves through them. */
export const Paginated5000: Story = {
  name: 'Paginated (5,000 users)',
  ...paginated.story,
  play: async ({ canvasElement }) => {
    await ready(canvasElement)
    const canvas = within(canvasElement)
    await expect(bodyRows(canvasElement)).toHaveLength(50)
    await expect(canvas.getByText('5,000 users')).toBeInTheDocument()
    const pages = canvas.getByRole('navigation', { name: M.pagination })
    await expect(within(pages).getByText('Page 1 of 100')).toBeInTheDocument()
    await expect(within(pages).getByRole('button', { name: M.previous })).toBeDisabled()
    await expect(emails(canvasElement)[0]).toBe(FIVE_THOUSAND[0]?.email)
    await userEvent.click(within(pages).getByRole('button', { name: M.next }))
    await waitFor(() => expect(within(pages).getByText('Page 2 of 100')).toBeInTheDocument())
    await expect(emails(canvasElement)[0]).toBe(FIVE_THOUSAND[50]?.email)
    await expect(within(pages).getByRole('button', { name: M.previous })).toBeEnabled()
    await userEvent.click(within(pages).getByRole('button', { name: M.previous }))
    await waitFor(() => expect(within(pages).getByText('Page 1 of 100')).toBeInTheDocument())
  },
}

const bulk = mockPortal({
  users: [ADA],
  existingAccounts: ['linked@example.test'],
  refusedAddresses: { 'bounce@example.test': 'The mailbox does not exist.' },
})
/**
 * A pasted list with a new address, an existing account, one the vendor refuses, something that is not an
 * address and a repeat: a result for each, a summary that takes focus, and only what failed left in the box.
 */
export const BulkInvitePartialFailure: Story = {
  ...bulk.story,
  play: async ({ canvasElement, args }) => {
    await ready(canvasElement)
    const canvas = within(canvasElement)
    const field = canvas.getByLabelText(M.inviteLabel)
    await userEvent.click(field)
    await userEvent.paste(
      'New Person <new@example.test>\nlinked@example.test, bounce@example.test; not-an-address\nNEW@example.test',
    )
    await userEvent.click(canvas.getByRole('button', { name: M.send }))
    const summary = '1 invited, 1 linked to an existing account, 2 failed, 1 not sent'
    await expect(summary).toBe(M.resultsSummary({ invited: 1, linked: 1, failed: 2, skipped: 1 }))
    const results = await canvas.findByRole('region', { name: summary })
    await expect(
      within(results)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      `new@example.test: ${M.resultInvited}`,
      'linked@example.test: Linked an existing account',
      'bounce@example.test: Failed: The mailbox does not exist.',
      'not-an-address: Failed: not an email address',
      'NEW@example.test: Not sent: given more than once; sent once',
    ])
    await expect(canvas.getByText(summary)).toHaveFocus()
    await expect(field).toHaveValue('bounce@example.test\nnot-an-address')
    await expect(args.onInvited).toHaveBeenCalledTimes(1)
    await expect(bulk.admin.requests.filter((request) => request.operation === 'invite')).toHaveLength(1)
    // The list is read again: the new users are in the table.
    await waitFor(() => expect(emails(canvasElement)).toEqual([ADA.email, 'new@example.test', 'linked@example.test']))
  },
}

const removal = mockPortal()
/** Remove asks first; once confirmed the row leaves, focus goes to the next row, and the status says so. */
export const RemoveWithConfirmation: Story = {
  ...removal.story,
  play: async ({ canvasElement, args }) => {
    await ready(canvasElement)
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: `Remove ${GRACE.email}` }))
    const group = canvas.getByRole('group', { name: `Remove ${GRACE.email} from this portal?` })
    const yes = within(group).getByRole('button', { name: 'Yes, remove' })
    await expect(yes).toHaveFocus()
    await expect(within(group).getByRole('button', { name: M.cancel })).toBeInTheDocument()
    await userEvent.click(yes)
    await waitFor(() => expect(emails(canvasElement)).toEqual([ADA.email, ALAN.email]))
    await waitFor(() =>
      expect(announcement(canvasElement)).toHaveTextContent(`${GRACE.email} was removed from the portal.`),
    )
    await expect(canvas.getByRole('button', { name: `Remove ${ALAN.email}` })).toHaveFocus()
    await expect(args.onRemoved).toHaveBeenCalledWith(GRACE)
    await expect(removal.admin.users(PORTAL_ID)?.map((user) => user.id)).toEqual([ADA.id, ALAN.id])
    await waitFor(() => expect(canvas.getByText('2 users')).toBeInTheDocument())
  },
}

const rollback = mockPortal()
/** The removal fails (the vendor answers 500, the server 502) and the list cannot be read again: the row comes back where it was, with an alert. */
export const FailedRemovalRollsBack: Story = {
  ...rollback.story,
  play: async ({ canvasElement, args }) => {
    await ready(canvasElement)
    rollback.admin.fail('remove', 'server_error')
    // Only the rollback can bring Grace back: the list is refused from now on.
    rollback.admin.fail('list', 'forbidden', { times: Number.POSITIVE_INFINITY })
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: `Remove ${GRACE.email}` }))
    await userEvent.click(canvas.getByRole('button', { name: 'Yes, remove' }))
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(
        `${GRACE.email} could not be removed, and is back in the list. The portal service is unavailable right now. Retry in a moment.`,
      ),
    )
    await expect(emails(canvasElement)).toEqual([ADA.email, GRACE.email, ALAN.email])
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'ready')
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'upstream_unavailable' }))
    await expect(args.onRemoved).not.toHaveBeenCalled()
    await expect(rollback.admin.users(PORTAL_ID)?.map((user) => user.id)).toEqual(THREE.map((user) => user.id))
  },
}

const customRow = mockPortal()
/** `renderRow`: the host draws pending invitations its own way and keeps the default row for everyone else. */
export const CustomRow: Story = {
  ...customRow.story,
  args: {
    renderRow: ({ user, name, date, confirming, requestRemove, confirmRemove, cancelRemove, defaultRow }) =>
      user.status === 'invited' ? (
        <tr data-custom-row={user.id}>
          <td>
            <strong>Pending:</strong> {user.email}
          </td>
          <td>{name || '—'}</td>
          <td>Awaiting sign-up</td>
          <td>{date}</td>
          <td>
            {confirming ? (
              <>
                <button type="button" onClick={confirmRemove}>
                  Revoke now
                </button>{' '}
                <button type="button" onClick={cancelRemove}>
                  Keep
                </button>
              </>
            ) : (
              <button type="button" onClick={requestRemove} aria-label={`Revoke the invitation of ${user.email}`}>
                Revoke
              </button>
            )}
          </td>
        </tr>
      ) : (
        defaultRow
      ),
  },
  play: async ({ canvasElement }) => {
    await ready(canvasElement)
    const canvas = within(canvasElement)
    const rows = bodyRows(canvasElement)
    await expect(rows.map((row) => row.getAttribute('data-custom-row'))).toEqual([null, GRACE.id, ALAN.id])
    await expect(cellTexts(rows[1] as HTMLElement).slice(0, 3)).toEqual([
      `Pending: ${GRACE.email}`,
      'Grace Hopper',
      'Awaiting sign-up',
    ])
    await expect(cellTexts(rows[2] as HTMLElement)[1]).toBe('—')
    // Ada keeps the default row.
    await expect(canvas.getByRole('button', { name: `Remove ${ADA.email}` })).toBeInTheDocument()
    await userEvent.click(canvas.getByRole('button', { name: `Revoke the invitation of ${GRACE.email}` }))
    await userEvent.click(canvas.getByRole('button', { name: 'Revoke now' }))
    await waitFor(() => expect(emails(canvasElement)).toEqual([ADA.email, `Pending: ${ALAN.email}`]))
    await waitFor(() =>
      expect(announcement(canvasElement)).toHaveTextContent(`${GRACE.email} was removed from the portal.`),
    )
  },
}
