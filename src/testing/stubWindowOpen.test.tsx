import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { server } from '../../test/support/msw-server.js'
import { PortalLaunchButton } from '../launch/PortalLaunchButton.js'
import { EmbedProvider } from '../provider/EmbedProvider.js'
import { endpointHandlers } from './endpointHandlers.js'
import { stubWindowOpen, type WindowOpenStub } from './stubWindowOpen.js'

let stub: WindowOpenStub | undefined
afterEach(() => stub?.restore())

function renderButton() {
  const endpoint = endpointHandlers()
  server.use(...endpoint.handlers)
  render(
    <EmbedProvider endpoint="/api/portals" allowedOrigins={['https://portal.example.test']}>
      <PortalLaunchButton prefetch="none">Open the portal</PortalLaunchButton>
    </EmbedProvider>,
  )
  return endpoint
}

describe('stubWindowOpen: new-tab assertions in jsdom', () => {
  it('shows the tab the button opened inside the click, its opener cut, then sent to the signed URL', async () => {
    stub = stubWindowOpen()
    const endpoint = renderButton()
    await userEvent.click(screen.getByRole('button', { name: 'Open the portal' }))
    await waitFor(() => expect(stub?.tabs[0]?.replacedWith).toEqual([endpoint.issuedUrls[0]]))
    expect(stub.calls).toHaveLength(1)
    expect(stub.tabs[0]?.opener).toBeNull()
    expect(stub.tabs[0]?.closed).toBe(false)
  })

  it('answers null when blocked, as a popup blocker does, and restore() puts window.open back', async () => {
    const real = window.open
    stub = stubWindowOpen({ blocked: true })
    renderButton()
    await userEvent.click(screen.getByRole('button', { name: 'Open the portal' }))
    await screen.findByRole('link', { name: 'Open portal' })
    expect(stub.tabs).toEqual([])
    expect(stub.calls).toHaveLength(1)
    stub.restore()
    expect(window.open).toBe(real)
  })
})
