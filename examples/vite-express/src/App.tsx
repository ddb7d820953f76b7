import { EmbedProvider, PortalLaunchButton } from 'embedded-portals'
import { PatientChart } from './PatientChart.tsx'
import { navigate, usePath } from './router.ts'
import { type Session, useSession, useSignInOut } from './session.ts'

export function App() {
  const session = useSession()
  if (session.isPending) return <p role="status">Loading…</p>
  if (session.isError) return <p role="alert">The clinic’s server did not answer. Reload the page to try again.</p>
  if (session.data.status === 'signed-out') return <SignIn clinicians={session.data.clinicians} />
  const { portals } = session.data
  return (
    // The endpoint is this app's own server (server/portals.js). The origins come from it too: the
    // vendors' (https://*.junction.com…) in production, the simulator's http://127.0.0.1 pages in development.
    <EmbedProvider
      endpoint="/api/portals"
      allowedOrigins={portals.allowedOrigins}
      allowInsecureLocalhost={portals.allowInsecureLocalhost}
    >
      <SignedIn session={session.data} />
    </EmbedProvider>
  )
}

function SignIn({ clinicians }: { clinicians: { id: string; name: string }[] }) {
  const signIn = useSignInOut()
  return (
    <main className="sign-in">
      <h1>Northwind Clinic</h1>
      <p>Sign in to see your patients.</p>
      {clinicians.map((clinician) => (
        <button
          key={clinician.id}
          type="button"
          disabled={signIn.isPending}
          onClick={() => signIn.mutate({ clinicianId: clinician.id })}
        >
          Sign in as {clinician.name}
        </button>
      ))}
      {signIn.isError ? <p role="alert">Signing in failed: {signIn.error.message}</p> : null}
    </main>
  )
}

function SignedIn({ session }: { session: Extract<Session, { status: 'signed-in' }> }) {
  const path = usePath()
  const signOut = useSignInOut()
  const patientId = /^\/patients\/([^/]+)$/.exec(path)?.[1]
  const patient = session.patients.find((candidate) => candidate.id === patientId)
  const returned = new URLSearchParams(window.location.search).get('returned') === 'billing'

  return (
    <>
      <header className="bar">
        <a className="brand" href="/" onClick={navigate}>
          Northwind Clinic
        </a>
        <nav aria-label="Account">
          <span>{session.clinician.name}</span>
          {/* UserHub's billing portal, in this tab; UserHub sends the user back to return_url, which the
              server accepts only on its allowedOrigins (this app's own origins). */}
          <PortalLaunchButton
            target={{
              kind: 'userhub.portal',
              portal_url: '/plans',
              return_url: `${window.location.origin}/?returned=billing`,
            }}
            openIn="same-tab"
          >
            Billing
          </PortalLaunchButton>
          <button type="button" onClick={() => signOut.mutate('sign-out')}>
            Sign out
          </button>
        </nav>
      </header>
      <main>
        {returned ? <p role="status">Welcome back from billing.</p> : null}
        {patient ? <PatientChart key={patient.id} patient={patient} /> : <PatientList patients={session.patients} />}
      </main>
    </>
  )
}

function PatientList({ patients }: { patients: readonly { id: string; name: string; note: string }[] }) {
  return (
    <>
      <h1>My patients</h1>
      <ul className="patients">
        {patients.map((patient) => (
          <li key={patient.id}>
            <a href={`/patients/${patient.id}`} onClick={navigate}>
              {patient.name}
            </a>{' '}
            <span className="note">{patient.note}</span>
          </li>
        ))}
      </ul>
    </>
  )
}
