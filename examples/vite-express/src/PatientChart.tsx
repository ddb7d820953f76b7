import { DashboardEmbed, DemographicsGate, type EmbedError, PortalLaunchButton } from 'embedded-portals'
import { useState } from 'react'
import type { Patient } from './session.ts'

/** One patient's page: their portal (once their details are complete), a link to send them, a lab order. */
export function PatientChart({ patient }: { patient: Patient }) {
  const [notice, setNotice] = useState('')
  const [orders, setOrders] = useState<string[]>([])
  const onError = (error: EmbedError) => setNotice(error.message)

  return (
    <>
      <h1>{patient.name}</h1>
      <p className="note">{patient.note}</p>

      <section aria-labelledby="portal-heading" className="card">
        <h2 id="portal-heading">Patient portal</h2>
        {/* Junction refuses a portal URL until the patient's details are complete: the gate asks for the
            missing ones first (the server checks that this clinician may read and write them). */}
        <DemographicsGate subject={patient.id} onComplete={() => setNotice(`Details saved for ${patient.name}.`)}>
          <p>Lab appointments, fasting instructions and results for {patient.name}.</p>
          <p className="actions">
            {/* Fetches a signed URL on hover or focus, and opens it in a new tab inside the click. */}
            <PortalLaunchButton subject={patient.id} onError={onError}>
              Open patient portal
            </PortalLaunchButton>
            {/* A long-lived link for an email or a text message, copied to the clipboard. */}
            <PortalLaunchButton
              subject={patient.id}
              context="communications"
              onError={onError}
              onLaunch={() => setNotice('Portal link copied: paste it into a message to the patient.')}
            >
              Copy a link to send
            </PortalLaunchButton>
          </p>
        </DemographicsGate>
      </section>

      <section aria-labelledby="order-heading" className="card">
        <h2 id="order-heading">New lab order</h2>
        {/* The Junction Dashboard's order creation, framed; the server picks the member and team. */}
        <DashboardEmbed
          feature="order_creation"
          modality="feature_embed"
          environment="sandbox"
          height={460}
          onOrderCreated={({ orderId }) => setOrders((current) => [...current, orderId])}
          onOrderCreationCancelled={() => setNotice('Order creation cancelled.')}
          onError={onError}
        />
        {orders.length > 0 ? (
          <ul aria-label="Orders placed">
            {orders.map((orderId) => (
              <li key={orderId}>Order created: {orderId}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <p role="status" className="notice">
        {notice}
      </p>
    </>
  )
}
