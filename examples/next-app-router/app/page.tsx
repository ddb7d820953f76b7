// A Server Component, prerendered at build time: the components render their first state into the HTML
// (buttons idle, the gate and the frame loading) and fetch nothing until they run in the browser.
import { CLINICIAN, PATIENTS } from '@/lib/records'
import { NewPatient, Orders, PatientWithDetails } from './patients'
import { Providers } from './providers'

export default function Page() {
  const [ada, grace] = PATIENTS
  return (
    <>
      <header className="bar">
        <span className="brand">Northwind Clinic</span>
        <span>{CLINICIAN.name}</span>
      </header>
      <main>
        <h1>My patients</h1>
        <Providers>
          {ada ? <PatientWithDetails patient={ada} /> : null}
          {grace ? <NewPatient patient={grace} /> : null}
          <Orders />
        </Providers>
      </main>
    </>
  )
}
