import { render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { DemographicsGate } from '../../src/demographics/DemographicsGate.js'
import { PortalLaunchButton } from '../../src/launch/PortalLaunchButton.js'
import { EmbedProvider } from '../../src/provider/EmbedProvider.js'
import { endpointHandlers } from '../../src/testing/endpointHandlers.js'
import { COMPLETE_DEMOGRAPHICS } from '../support/fixtures.js'
import { worker } from '../support/msw-worker.js'

// The handlers' pages are on a test origin, not a vendor's: the provider allows it, as a host's tests would.
const PAGES = ['https://portal.example.test']

describe('DemographicsGate in Chromium', () => {
  it('shows "Details saved." on a line of its own, not glued to the button it hands back', async () => {
    const demographics = { ...COMPLETE_DEMOGRAPHICS, address: { ...COMPLETE_DEMOGRAPHICS.address, zip: '' } }
    worker.use(...endpointHandlers({ demographics }).handlers)
    const { container } = render(
      <EmbedProvider endpoint="/api/portals" allowedOrigins={PAGES}>
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
  it('calls onComplete once the children are back and focused, and keeps the focus the host moves there', async () => {
    const demographics = { ...COMPLETE_DEMOGRAPHICS, address: { ...COMPLETE_DEMOGRAPHICS.address, zip: '' } }
    worker.use(...endpointHandlers({ demographics }).handlers)
    const seen: { state: string | null | undefined; focused: string | null | undefined }[] = []
    const onComplete = vi.fn(() => {
      const gate = document.querySelector('[data-embedded-portals="demographics-gate"]')
      seen.push({ state: gate?.getAttribute('data-state'), focused: document.activeElement?.textContent })
      document.getElementById('host-next')?.focus()
    })
    render(
      <EmbedProvider endpoint="/api/portals" allowedOrigins={PAGES}>
        <DemographicsGate onComplete={onComplete}>
          <PortalLaunchButton>Open the patient portal</PortalLaunchButton>
        </DemographicsGate>
        <button type="button" id="host-next">
          Next patient
        </button>
      </EmbedProvider>,
    )
    await userEvent.fill(await screen.findByLabelText(/zip/i), '94105')
    await userEvent.click(screen.getByRole('button', { name: /save/i }))
    await vi.waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1))
    expect(seen).toEqual([{ state: 'ready', focused: 'Open the patient portal' }])
    expect(screen.getByRole('button', { name: 'Next patient' })).toHaveFocus()
  })
})
