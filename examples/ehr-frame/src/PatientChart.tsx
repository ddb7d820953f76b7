import {
  DashboardEmbed,
  DemographicsGate,
  type EmbedError,
  type LaunchEvent,
  PortalLaunchButton,
} from 'embedded-portals'
import { useState } from 'react'

/**
 * The patient the EHR opened the app for: their portal (once their details are complete), a link to send
 * them, a lab order in the nested Junction Dashboard frame, and a log of the components' callbacks.
 */
export function PatientChart({ patient }: { patient: { id: string; name: string } }) {
  const [events, setEvents] = useState<string[]>([])
  const log = (line: string) => setEvents((current) => [...current, line])
  const onLaunch = (event: LaunchEvent) => log(`onLaunch: ${event.action} via ${event.via}`)
  const onError = (error: EmbedError) => log(`onError: ${error.code}`)

  return (
    <>
      <h1>{patient.name}</h1>

      <section aria-labelledby="portal-heading" className="card">
        <h2 id="portal-heading">Patient portal</h2>
        <DemographicsGate subject={patient.id} onComplete={() => log(`Details saved for ${patient.name}.`)}>
          <p className="actions">
            <PortalLaunchButton subject={patient.id} onLaunch={onLaunch} onError={onError}>
              Open patient portal
            </PortalLaunchButton>
            <PortalLaunchButton subject={patient.id} context="communications" onLaunch={onLaunch} onError={onError}>
              Copy a link to send
            </PortalLaunchButton>
          </p>
        </DemographicsGate>
      </section>

      <section aria-labelledby="order-heading" className="card">
        <h2 id="order-heading">New lab order</h2>
        {/* A frame inside the EHR's frame: the vendor's page, from the vendor's origin. */}
        <DashboardEmbed
          feature="order_creation"
          modality="feature_embed"
          environment="sandbox"
          height={420}
          onOrderCreated={({ orderId }) => log(`Order created: ${orderId}`)}
          onError={onError}
        />
      </section>

      <section aria-labelledby="events-heading" className="card">
        <h2 id="events-heading">What happened</h2>
        <ol aria-label="Events">
          {events.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log; the same line may repeat
            <li key={index}>{line}</li>
          ))}
        </ol>
      </section>
    </>
  )
}
