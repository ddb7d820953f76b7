import { QueryClient } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { commands, userEvent } from 'vitest/browser'
import { PortalLaunchButton, type PortalLaunchButtonProps } from '../../src/launch/PortalLaunchButton.js'
import { EmbedProvider } from '../../src/provider/EmbedProvider.js'
import { type EndpointHandlersOptions, endpointHandlers } from '../../src/testing/endpointHandlers.js'
import { worker } from '../support/msw-worker.js'

// Signed URLs point at another origin, answered by Playwright, so the tabs load a real cross-origin page.
const landing = 'http://127.0.0.1:45999/portal'

beforeAll(async () => {
  await commands.serveLanding()
})

function setup(props: PortalLaunchButtonProps = {}, options: EndpointHandlersOptions = {}, strict = false) {
  const endpoint = endpointHandlers({ urlBase: landing, ...options })
  worker.use(...endpoint.handlers)
  const queryClient = new QueryClient()
  const tree: ReactNode = (
    <EmbedProvider endpoint="/api/portals" queryClient={queryClient} allowInsecureLocalhost>
      <PortalLaunchButton {...props} />
    </EmbedProvider>
  )
  render(strict ? <StrictMode>{tree}</StrictMode> : tree)
  return { endpoint, button: () => screen.getByRole('button', { name: /portal/i }) }
}

async function waitForTabs(count: number) {
  await vi.waitFor(
    async () => {
      const tabs = await commands.openedTabs()
      expect(tabs).toHaveLength(count)
      for (const tab of tabs) expect(tab.url).not.toBe('about:blank')
    },
    { timeout: 10_000, interval: 100 },
  )
  return commands.openedTabs()
}

afterEach(async () => {
  await commands.closeOpenedTabs()
})

describe('PortalLaunchButton in Chromium, popup blocker on', () => {
  it('opens a prefetched URL in a new tab on click, and the tab has no opener', async () => {
    const { endpoint, button } = setup()
    await userEvent.hover(button())
    await vi.waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button())
    const tabs = await waitForTabs(1)
    expect(tabs[0]?.url).toBe(endpoint.issuedUrls[0])
    expect(tabs[0]?.hasOpener).toBe(false)
  })

  it('still ends in a tab on the signed URL when the endpoint takes 6 s (the placeholder path)', async () => {
    const { endpoint, button } = setup({ prefetch: 'none' }, { signedUrl: 'slow', delayMs: 6_000 })
    await userEvent.click(button())
    await vi.waitFor(() => expect(button()).toHaveAttribute('data-state', 'opening'))
    const tabs = await waitForTabs(1)
    expect(tabs[0]?.url).toBe(endpoint.issuedUrls[0])
    expect(tabs[0]?.hasOpener).toBe(false)
  }, 20_000)

  it('falls back to a link when the browser blocks the tab (a click without user activation)', async () => {
    const { endpoint, button } = setup({ prefetch: 'render' })
    await vi.waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    button().click()
    await vi.waitFor(() => expect(button()).toHaveAttribute('data-state', 'blocked'))
    const link = screen.getByRole('link', { name: 'Open portal' })
    expect(link).toHaveAttribute('href', endpoint.issuedUrls[0])
    expect(link).toHaveAttribute('rel', 'noopener noreferrer')
    expect(await commands.openedTabs()).toHaveLength(0)
  })

  it('opens the tab from the fallback link’s own click, checks it, and calls onLaunch once', async () => {
    const onLaunch = vi.fn()
    const { endpoint, button } = setup({ prefetch: 'render', onLaunch })
    await vi.waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    button().click()
    await vi.waitFor(() => expect(button()).toHaveAttribute('data-state', 'blocked'))
    await userEvent.click(screen.getByRole('link', { name: 'Open portal' }))
    const tabs = await waitForTabs(1)
    expect(tabs[0]?.url).toBe(endpoint.issuedUrls[0])
    expect(tabs[0]?.hasOpener).toBe(false)
    expect(onLaunch.mock.calls).toEqual([[{ action: 'open', via: 'link', requestId: expect.any(String) }]])
    expect(screen.queryByRole('link', { name: 'Open portal' })).toBeNull()
    expect(screen.queryByRole('textbox')).toBeNull()
  })

  it('makes one request and opens one tab under StrictMode', async () => {
    const { endpoint, button } = setup({ prefetch: 'render' }, {}, true)
    await vi.waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button())
    const tabs = await waitForTabs(1)
    expect(endpoint.requests).toHaveLength(1)
    expect(tabs.map((tab) => tab.url)).toEqual([endpoint.issuedUrls[0]])
  })

  it('never reuses a consumed URL: a second click opens a new one', async () => {
    const { endpoint, button } = setup({ prefetch: 'render' })
    await vi.waitFor(() => expect(button()).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button())
    await waitForTabs(1)
    await userEvent.click(button())
    const tabs = await waitForTabs(2)
    expect(tabs.map((tab) => tab.url).sort()).toEqual([endpoint.issuedUrls[0], endpoint.issuedUrls[1]].sort())
    expect(endpoint.issuedUrls[0]).not.toBe(endpoint.issuedUrls[1])
  })
})
