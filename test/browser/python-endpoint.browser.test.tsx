import { QueryClient } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import { http, passthrough } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { commands, userEvent } from 'vitest/browser'
import { PortalLaunchButton } from '../../src/launch/PortalLaunchButton.js'
import { EmbedProvider } from '../../src/provider/EmbedProvider.js'
import { worker } from '../support/msw-worker.js'

// The launch button against examples/python-endpoint (Python's standard library, on another origin,
// which allows this page's), itself against the vendor simulator: no MSW answer, no JavaScript server.
let python: { endpoint: string; pagesOrigin: string }

beforeAll(async () => {
  python = await commands.startPython(location.origin)
}, 30_000)
afterAll(async () => {
  await commands.stopPython()
})
afterEach(async () => {
  await commands.closeOpenedTabs()
})

describe('PortalLaunchButton against the Python endpoint, popup blocker on', () => {
  it('signs at the endpoint on intent, and a click opens the simulated portal in a new tab', async () => {
    worker.use(http.all(`${python.endpoint}/*`, () => passthrough()))
    render(
      <EmbedProvider endpoint={python.endpoint} queryClient={new QueryClient()} allowInsecureLocalhost>
        <PortalLaunchButton target={{ kind: 'junction.user_portal', context: 'launch' }} />
      </EmbedProvider>,
    )
    const button = screen.getByRole('button', { name: /portal/i })
    // The demo patient has demographics on file: pointing at the button signs a URL, the click opens it.
    await userEvent.hover(button)
    await vi.waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'), { timeout: 10_000 })
    await userEvent.click(button)
    await vi.waitFor(
      async () => {
        const tabs = await commands.openedTabs()
        expect(tabs).toHaveLength(1)
        expect(tabs[0]?.url.startsWith(`${python.pagesOrigin}/pages/junction/portal?token=`)).toBe(true)
        expect(tabs[0]?.hasOpener).toBe(false)
      },
      { timeout: 10_000, interval: 100 },
    )
  }, 30_000)
})
