import { QueryClient } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import axe from 'axe-core'
import { describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { PortalUsersManager } from '../../src/admin/PortalUsersManager.js'
import { EmbedProvider } from '../../src/provider/EmbedProvider.js'
import { type PortalAdminHandlersOptions, portalAdminHandlers } from '../../src/testing/portalAdminHandlers.js'
import { worker } from '../support/msw-worker.js'
import { ADA, ALAN, GRACE, PORTAL_ID } from '../support/portal-users.js'

const WAIT = { timeout: 5_000 }

function setup(options: Omit<PortalAdminHandlersOptions, 'portals'> = {}) {
  const admin = portalAdminHandlers({
    portals: { [PORTAL_ID]: { name: 'North clinic', users: [ADA, GRACE, ALAN] } },
    ...options,
  })
  worker.use(...admin.handlers)
  const onRemoved = vi.fn()
  // Inside the host page's <main>, as in an application: axe checks the page, landmarks included.
  render(
    <main>
      <h1>North clinic</h1>
      <EmbedProvider endpoint="/api/portals" queryClient={new QueryClient()}>
        <PortalUsersManager portalId={PORTAL_ID} onRemoved={onRemoved} />
      </EmbedProvider>
    </main>,
  )
  return { admin, onRemoved }
}

const rows = () =>
  within(screen.getByRole('table', { name: 'Portal users' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]?.textContent)

async function ready() {
  await vi.waitFor(() => expect(rows()).toEqual([ADA.email, GRACE.email, ALAN.email]), WAIT)
}

/** Press Tab until `target` has focus (at most `limit` presses), as a keyboard-only user would. */
async function tabTo(target: HTMLElement, limit = 25) {
  for (let presses = 0; presses < limit; presses += 1) {
    if (document.activeElement === target) return
    await userEvent.keyboard('{Tab}')
  }
  throw new Error(`${target.outerHTML.slice(0, 80)} could not be reached with Tab`)
}
const removeButton = (email: string) => screen.getByRole('button', { name: `Remove ${email}` })

async function violations() {
  const results = await axe.run(document.body)
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target)}`)
}

describe('PortalUsersManager in Chromium', () => {
  it('removes a user with the keyboard alone: Tab, Enter, Escape gives focus back, confirming moves it on', async () => {
    const { admin, onRemoved } = setup()
    await ready()
    await tabTo(removeButton(GRACE.email))
    await userEvent.keyboard('{Enter}')
    const yes = screen.getByRole('button', { name: 'Yes, remove' })
    expect(yes).toHaveFocus()
    expect(screen.getByRole('group', { name: `Remove ${GRACE.email} from this portal?` })).toBeVisible()

    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('button', { name: 'Yes, remove' })).toBeNull()
    expect(screen.getByRole('button', { name: `Remove ${GRACE.email}` })).toHaveFocus()
    expect(admin.requests.filter((request) => request.operation === 'remove')).toHaveLength(0)

    await userEvent.keyboard('{Enter}')
    expect(screen.getByRole('button', { name: 'Yes, remove' })).toHaveFocus()
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(rows()).toEqual([ADA.email, ALAN.email]), WAIT)
    await vi.waitFor(() => expect(screen.getByRole('button', { name: `Remove ${ALAN.email}` })).toHaveFocus(), WAIT)
    await vi.waitFor(() => expect(onRemoved).toHaveBeenCalledWith(GRACE), WAIT)
    expect(admin.users(PORTAL_ID)?.map((entry) => entry.id)).toEqual([ADA.id, ALAN.id])
    expect(document.querySelector('[data-embedded-portals="announcement"]')).toHaveTextContent(
      `${GRACE.email} was removed from the portal.`,
    )
  })

  it('moves focus to the search box when the last row of the page is removed', async () => {
    const { admin } = setup()
    await ready()
    const box = screen.getByRole('searchbox', { name: 'Search users' })
    await userEvent.click(box)
    await userEvent.keyboard('alan')
    await vi.waitFor(() => expect(rows()).toEqual([ALAN.email]), WAIT)
    await tabTo(removeButton(ALAN.email))
    await userEvent.keyboard('{Enter}')
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(screen.getByText('No users match “alan”.')).toBeVisible(), WAIT)
    await vi.waitFor(() => expect(box).toHaveFocus(), WAIT)
    // The row leaves at once; the removal itself must be answered before the next test's handlers start.
    await vi.waitFor(() => expect(admin.users(PORTAL_ID)?.map((entry) => entry.id)).toEqual([ADA.id, GRACE.id]), WAIT)
  })

  it('filters as the administrator types, and says how many match', async () => {
    setup()
    await ready()
    await userEvent.click(screen.getByRole('searchbox', { name: 'Search users' }))
    await userEvent.keyboard('hopper')
    await vi.waitFor(() => expect(rows()).toEqual([GRACE.email]), WAIT)
    expect(screen.getByText('1 of 3 users')).toBeVisible()
    await userEvent.keyboard('{Control>}a{/Control}{Backspace}invited')
    await vi.waitFor(() => expect(rows()).toEqual([GRACE.email, ALAN.email]), WAIT)
    expect(screen.getByText('2 of 3 users')).toBeVisible()
  })

  it('sends a pasted list from the keyboard and puts focus on the summary of the results', async () => {
    const { admin } = setup({ refusedAddresses: { 'bounce@example.test': 'The mailbox does not exist.' } })
    await ready()
    const field = screen.getByLabelText('Invite people')
    await tabTo(field)
    await userEvent.keyboard('new@example.test, bounce@example.test, nope')
    await tabTo(screen.getByRole('button', { name: 'Send invites' }))
    await userEvent.keyboard('{Enter}')
    const summary = '1 invited, 0 linked to an existing account, 2 failed'
    await vi.waitFor(() => expect(screen.getByText(summary)).toHaveFocus(), WAIT)
    expect(admin.requests.filter((request) => request.operation === 'invite')).toHaveLength(1)
    expect(field).toHaveValue('bounce@example.test\nnope')
    await vi.waitFor(() => expect(rows()).toContain('new@example.test'), WAIT)
  })

  it('has no accessibility violations when ready, while confirming and after invites', async () => {
    setup()
    await ready()
    expect(await violations()).toEqual([])
    await userEvent.click(screen.getByRole('button', { name: `Remove ${ADA.email}` }))
    expect(await violations()).toEqual([])
    await userEvent.keyboard('{Escape}')
    await userEvent.click(screen.getByLabelText('Invite people'))
    await userEvent.keyboard('someone@example.test')
    await userEvent.click(screen.getByRole('button', { name: 'Send invites' }))
    await vi.waitFor(() => expect(screen.getByRole('region', { name: /^1 invited/ })).toBeVisible(), WAIT)
    expect(await violations()).toEqual([])
  })
})
