'use client'

import { DashboardEmbed, DemographicsGate, type EmbedError, PortalLaunchButton } from 'embedded-portals'
import { useState } from 'react'
import type { Patient } from '@/lib/records'

/** A patient whose details are on file: the portal opens at once, and a link can be sent. */
export function PatientWithDetails({ patient }: { patient: Patient }) {
  const [notice, setNotice] = useState('')
  const onError = (error: EmbedError) => setNotice(error.message)
  return (
    <section aria-labelledby={`patient-${patient.id}`} className="card">
      <h2 id={`patient-${patient.id}`}>{patient.name}</h2>
      <p className="note">{patient.note}</p>
      <p className="actions">
        {/* Fetches a signed URL on hover or focus, and opens it in a new tab inside the click. */}
        <PortalLaunchButton subject={patient.id} onError={onError}>
          Open {patient.name}’s portal
        </PortalLaunchButton>
        {/* A long-lived link for an email or a text message, copied to the clipboard. */}
        <PortalLaunchButton
          subject={patient.id}
          context="communications"
          onError={onError}
          onLaunch={() => setNotice('Portal link copied: paste it into a message to the patient.')}
        >
          Copy a portal link for {patient.name}
        </PortalLaunchButton>
      </p>
      <p role="status">{notice}</p>
    </section>
  )
}

/** A new patient: Junction refuses a portal URL until their details are complete, so the gate asks first. */
export function NewPatient({ patient }: { patient: Patient }) {
  const [notice, setNotice] = useState('')
  return (
    <section aria-labelledby={`patient-${patient.id}`} className="card">
      <h2 id={`patient-${patient.id}`}>{patient.name}</h2>
      <p className="note">{patient.note}</p>
      <DemographicsGate subject={patient.id} onComplete={() => setNotice(`Details saved for ${patient.name}.`)}>
        <PortalLaunchButton subject={patient.id} onError={(error) => setNotice(error.message)}>
          Open {patient.name}’s portal
        </PortalLaunchButton>
      </DemographicsGate>
      <p role="status">{notice}</p>
    </section>
  )
}

/** The Junction Dashboard: order creation framed here, team panels in a new tab. */
export function Orders() {
  const [orders, setOrders] = useState<string[]>([])
  const [notice, setNotice] = useState('')
  const onError = (error: EmbedError) => setNotice(error.message)
  return (
    <section aria-labelledby="orders" className="card">
      <h2 id="orders">Lab orders</h2>
      <p>
        <DashboardEmbed feature="team_panels" modality="link_out" environment="sandbox" onError={onError}>
          Open team panels
        </DashboardEmbed>
      </p>
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
      <p role="status">{notice}</p>
    </section>
  )
}
