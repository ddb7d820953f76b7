import { type MouseEvent, useEffect, useState } from 'react'
import { DashboardEmbed, DemographicsGate, type EmbedError, PortalLaunchButton } from '../src/index.js'
import { ActivityLog } from './ActivityLog.js'
import { AdminPage } from './AdminPage.js'

const PATIENTS = [
  { id: 'patient-ada', name: 'Ada Lovelace', note: 'details on file' },
  { id: 'patient-grace', name: 'Grace Hopper', note: 'new patient, no details yet' },
] as const

type PatientId = (typeof PATIENTS)[number]['id']

type View = 'patient' | 'admin'

const viewOf = (): View => (new URLSearchParams(window.location.search).get('view') === 'admin' ? 'admin' : 'patient')

/** The demo's two tabs, as links (each view has its address) that switch without a reload. */
function useView() {
  const [view, setView] = useState<View>(viewOf)
  useEffect(() => {
    const onPop = () => setView(viewOf())
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  const go = (next: View) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    window.history.pushState(null, '', next === 'admin' ? '/?view=admin' : '/')
    setView(next)
  }
  return { view, go }
}

/** The demo host: an EHR-like patient page, and an Admin tab for the patients' portal. */
export function App() {
  const { view, go } = useView()
  const [activity, setActivity] = useState<string[]>([])
  const log = (entry: string) => setActivity((current) => [`${new Date().toLocaleTimeString()} — ${entry}`, ...current])

  return (
    <>
      <header className="bar">
        <p className="brand">Northwind Clinic</p>
        <nav aria-label="Sections" className="tabs">
          <a href="/" aria-current={view === 'patient' ? 'page' : undefined} onClick={go('patient')}>
            Patient
          </a>
          <a href="/?view=admin" aria-current={view === 'admin' ? 'page' : undefined} onClick={go('admin')}>
            Admin
          </a>
        </nav>
        <AccountNav log={log} />
      </header>
      <main>
        {view === 'admin' ? <AdminPage log={log} activity={activity} /> : <PatientPage log={log} activity={activity} />}
      </main>
    </>
  )
}

function AccountNav({ log }: { log: (entry: string) => void }) {
  const onError = (error: EmbedError) => log(`Error: ${error.code}`)
  return (
    <nav aria-label="Account">
      <PortalLaunchButton
        target={{
          kind: 'userhub.portal',
          portal_url: '/plans',
          return_url: `${window.location.origin}/?returned=billing`,
        }}
        openIn="same-tab"
        onError={onError}
      >
        Billing
      </PortalLaunchButton>
    </nav>
  )
}

/** An EHR-like patient page: the portal, a link to send, the order embed, the dashboard and billing. */
function PatientPage({ log, activity }: { log: (entry: string) => void; activity: readonly string[] }) {
  const [patientId, setPatientId] = useState<PatientId>('patient-ada')
  const onError = (error: EmbedError) => log(`Error: ${error.code}`)
  const patient = PATIENTS.find((candidate) => candidate.id === patientId) ?? PATIENTS[0]
  const returned = new URLSearchParams(window.location.search).get('returned')

  return (
    <>
      {returned === 'billing' ? <p role="status">Welcome back from billing.</p> : null}
      <h1>{patient.name}</h1>
      <p className="switcher">
        <label htmlFor="patient">Patient</label>
        <select
          id="patient"
          value={patientId}
          onChange={(event) => setPatientId(event.currentTarget.value as PatientId)}
        >
          {PATIENTS.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name} ({candidate.note})
            </option>
          ))}
        </select>
      </p>

      <div className="grid">
        <section aria-labelledby="portal-heading" className="card">
          <h2 id="portal-heading">Patient portal</h2>
          <DemographicsGate
            key={patient.id}
            subject={patient.id}
            onComplete={() => log(`Details saved for ${patient.name}`)}
          >
            <p>Lab appointments, fasting instructions and results for {patient.name}.</p>
            <p className="actions">
              <PortalLaunchButton subject={patient.id} onError={onError} onLaunch={() => log('Portal opened')}>
                Open patient portal
              </PortalLaunchButton>
              <PortalLaunchButton
                subject={patient.id}
                context="communications"
                onError={onError}
                onLaunch={() => log('Portal link copied')}
              >
                Copy link to send
              </PortalLaunchButton>
            </p>
          </DemographicsGate>
        </section>

        <section aria-labelledby="dashboard-heading" className="card">
          <h2 id="dashboard-heading">Junction Dashboard</h2>
          <p>Team panels, in a new tab.</p>
          <DashboardEmbed feature="team_panels" modality="link_out" environment="sandbox" onError={onError}>
            Open team panels
          </DashboardEmbed>
        </section>

        <ActivityLog entries={activity} />
      </div>

      <section aria-labelledby="order-heading" className="card wide">
        <h2 id="order-heading">New order for {patient.name}</h2>
        <DashboardEmbed
          key={patient.id}
          feature="order_creation"
          modality="feature_embed"
          environment="sandbox"
          height={420}
          lazy
          onOrderCreated={({ orderId }) => log(`Order created: ${orderId}`)}
          onOrderCreationCancelled={() => log('Order creation cancelled')}
          onError={onError}
        />
      </section>
    </>
  )
}
