import { fireEvent, render, screen } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { stubWindowOpen } from '../../../test/support/fake-tab.js'
import { settle, setupEndpoint, useFakeClock } from '../../../test/support/signed-url.js'
import { DashboardEmbed } from '../DashboardEmbed.js'

// The launch button's module arrives when the test lets it (as a slow network would deliver its chunk).
// Each test file starts with fresh modules, so it has not been loaded before this file's first link_out.
const chunk = vi.hoisted(() => {
  let release = () => {}
  const arrived = new Promise<void>((resolve) => {
    release = resolve
  })
  return { requested: 0, arrived, release }
})

vi.mock('../../launch/PortalLaunchButton.js', async (importOriginal) => {
  chunk.requested++
  const original = await importOriginal()
  await chunk.arrived
  return original
})

/** Waits (in real time: modules load from disk) until the stand-in has made way for the launch button. */
async function launchButtonIn(standIn: HTMLElement): Promise<HTMLElement> {
  await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Open dashboard' })).not.toBe(standIn), {
    timeout: 10_000,
  })
  await settle()
  return screen.getByRole('button', { name: 'Open dashboard' })
}

beforeEach(() => {
  useFakeClock()
})

const props = { feature: 'team_panels', environment: 'sandbox', integrationMemberId: 'patient-42' } as const

describe('DashboardEmbed: the link_out launch button loads with its own module', () => {
  it('a feature_embed never asks for the launch button’s module', async () => {
    const { wrapper: Wrapper } = setupEndpoint()
    const { unmount } = render(
      <Wrapper>
        <DashboardEmbed {...props} modality="feature_embed" />
      </Wrapper>,
    )
    await settle()
    expect(chunk.requested).toBe(0)
    unmount()
  })

  it('until the module arrives, an idle stand-in with the same markup; its hover, focus and click pass on', async () => {
    const { open, tabs } = stubWindowOpen()
    const { endpoint, wrapper: Wrapper } = setupEndpoint()
    const { container } = render(
      <Wrapper>
        <DashboardEmbed {...props} modality="link_out" className="host-button" />
      </Wrapper>,
    )
    await settle()
    expect(chunk.requested).toBe(1)
    const standIn = screen.getByRole('button', { name: 'Open dashboard' })
    expect(container.innerHTML).toBe(
      '<button class="host-button" data-state="idle" type="button">Open dashboard</button>',
    )
    fireEvent.pointerEnter(standIn)
    standIn.focus()
    fireEvent.click(standIn)
    await settle()
    // Nothing is fetched or opened before the launch logic is there.
    expect(endpoint.requests).toHaveLength(0)
    expect(open).not.toHaveBeenCalled()

    chunk.release()
    const button = await launchButtonIn(standIn)
    expect(button).toHaveClass('host-button')
    expect(button).toHaveFocus()
    // The click it took opened a placeholder tab, sent to the one URL the hover's prefetch asked for.
    expect(endpoint.requests.map((request) => request.target)).toEqual([
      expect.objectContaining({ kind: 'junction.dashboard', modality: 'link_out', feature: 'team_panels' }),
    ])
    expect(open).toHaveBeenCalledTimes(1)
    expect(tabs[0]?.opener).toBeNull()
    expect(tabs[0]?.location.replace).toHaveBeenCalledWith(endpoint.issuedUrls[0])
  })

  it('once it has arrived, a link_out renders the launch button at once', async () => {
    const { wrapper: Wrapper } = setupEndpoint()
    render(
      <Wrapper>
        <DashboardEmbed {...props} modality="link_out" />
      </Wrapper>,
    )
    const button = screen.getByRole('button', { name: 'Open dashboard' })
    fireEvent.pointerEnter(button)
    await settle()
    expect(button).toHaveAttribute('data-state', 'ready')
    expect(chunk.requested).toBe(1)
  })
})
