// A Server Component page that uses every component of the client entry, as a host's App Router page
// would: the package's 'use client' makes them client components, rendered on the server at build time.
import { DashboardEmbed, DemographicsGate, EmbedProvider, PortalLaunchButton } from 'embedded-portals'

export default function Page() {
  return (
    <main>
      <h1>Patient</h1>
      <EmbedProvider endpoint="/api/portals" allowedOrigins={['https://*.junction.com']}>
        <PortalLaunchButton>Book my lab visit</PortalLaunchButton>
        <PortalLaunchButton context="communications" />
        <DemographicsGate>
          <PortalLaunchButton orderId="00000000-0000-4000-8000-000000000001">Open the order</PortalLaunchButton>
        </DemographicsGate>
        <DashboardEmbed
          feature="order_creation"
          modality="feature_embed"
          environment="sandbox"
          teamId="00000000-0000-4000-8000-000000000002"
        />
        <DashboardEmbed
          feature="team_panels"
          modality="link_out"
          environment="sandbox"
          teamId="00000000-0000-4000-8000-000000000002"
        />
      </EmbedProvider>
    </main>
  )
}
