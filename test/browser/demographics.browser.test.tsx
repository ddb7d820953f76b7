import { render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { DemographicsGate } from '../../src/demographics/DemographicsGate.js'
import { PortalLaunchButton } from '../../src/launch/PortalLaunchButton.js'
import { EmbedProvider } from '../../src/provider/EmbedProvider.js'
import { endpointHandlers } from '../../src/testing/endpointHandlers.js'
import { COMPLETE_DEMOGRAPHICS } from '../support/fixtures.js'
import { worker } from '../support/msw-worker.js'

describe('DemographicsGate in Chromium', () => {
  it('shows "Details saved." on a line of its own, not glued to the button it hands back', async () => {
    const demographics = { ...COMPLETE_DEMOGRAPHICS, address: { ...COMPLETE_DEMOGRAPHICS.address, zip: '' } }
    worker.use(...endpointHandlers({ demographics }).handlers)
    const { container } = render(
      <EmbedProvider endpoint="/api/portals">
        <DemographicsGate>
          <PortalLaunchButton>Open the patient portal</PortalLaunchButton>
        </DemographicsGate>
      </EmbedProvider>,
    )
    await userEvent.fill(await screen.findByLabelText(/zip/i), '94105')
    await userEvent.click(screen.getByRole('button', { name: /save/i }))
    const button = await screen.findByRole('button', { name: 'Open the patient portal' })
    const status = container.querySelector('[data-embedded-portals="announcement"]')
    await vi.waitFor(() => expect(status).toHaveTextContent('Details saved.'))
    const said = status?.getBoundingClientRect()
    expect(said?.height).toBeGreaterThan(0)
    expect(said?.bottom).toBeLessThanOrEqual(button.getBoundingClientRect().top)
  })
})
