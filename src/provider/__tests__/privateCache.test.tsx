import { dehydrate, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { COMPLETE_DEMOGRAPHICS } from '../../../test/support/fixtures.js'
import { server } from '../../../test/support/msw-server.js'
import { DemographicsGate } from '../../demographics/DemographicsGate.js'
import { PortalLaunchButton } from '../../launch/PortalLaunchButton.js'
import { endpointHandlers } from '../../testing/endpointHandlers.js'
import { EmbedProvider } from '../EmbedProvider.js'

/** A host that keeps its own QueryClient (persisted, or dehydrated for SSR) around the whole app. */
function renderHostApp(queryClient?: QueryClient) {
  const endpoint = endpointHandlers({ demographics: COMPLETE_DEMOGRAPHICS })
  server.use(...endpoint.handlers)
  const hostClient = new QueryClient()
  hostClient.setQueryData(['host', 'profile'], { name: 'Host data' })
  render(
    <QueryClientProvider client={hostClient}>
      <EmbedProvider endpoint="/api/portals" queryClient={queryClient} allowedOrigins={['https://portal.example.test']}>
        <DemographicsGate>
          <PortalLaunchButton prefetch="render">Open the portal</PortalLaunchButton>
        </DemographicsGate>
      </EmbedProvider>
    </QueryClientProvider>,
  )
  return { endpoint, hostClient }
}

describe('EmbedProvider keeps secrets out of the host’s cache', () => {
  it('leaves no token and no demographic value in the surrounding QueryClientProvider’s client', async () => {
    const { endpoint, hostClient } = renderHostApp()
    const button = await screen.findByRole('button', { name: 'Open the portal' })
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    expect(endpoint.issuedUrls).toHaveLength(1)

    const everything = JSON.stringify(dehydrate(hostClient, { shouldDehydrateQuery: () => true }))
    expect(everything).toContain('Host data')
    expect(everything).not.toContain(endpoint.issuedUrls[0])
    expect(everything).not.toContain('token=')
    for (const value of [COMPLETE_DEMOGRAPHICS.email, COMPLETE_DEMOGRAPHICS.phone_number, COMPLETE_DEMOGRAPHICS.dob]) {
      expect(everything).not.toContain(value)
    }
    expect(hostClient.getQueryCache().getAll()).toHaveLength(1)
  })

  it('shares a client passed as queryClient on purpose, where the host then owns persistence', async () => {
    const shared = new QueryClient()
    const { endpoint } = renderHostApp(shared)
    const button = await screen.findByRole('button', { name: 'Open the portal' })
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ready'))
    expect(JSON.stringify(dehydrate(shared, { shouldDehydrateQuery: () => true }))).toContain(endpoint.issuedUrls[0])
  })
})
