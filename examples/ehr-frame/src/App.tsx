import { useQuery } from '@tanstack/react-query'
import { EmbedProvider } from 'embedded-portals'
import { authHeaders, launchOnce } from './launch.ts'
import { PatientChart } from './PatientChart.tsx'

export function App() {
  const launch = useQuery({
    queryKey: ['launch'],
    queryFn: launchOnce,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })
  if (launch.isPending) return <p role="status">Opening the chart…</p>
  if (launch.isError) return <p role="alert">{launch.error.message}</p>
  const { clinician, patient, portals, session } = launch.data
  return (
    <>
      <header className="bar">
        <strong>Northwind Labs</strong>
        <span>
          {clinician.name} · session: {session}
        </span>
      </header>
      <main>
        {/* `headers` is called for every request: the token the launch gave, held in memory. With a cookie
            session it adds nothing, and the browser sends the cookie (if it kept it). */}
        <EmbedProvider
          endpoint="/api/portals"
          headers={authHeaders}
          allowedOrigins={portals.allowedOrigins}
          allowInsecureLocalhost={portals.allowInsecureLocalhost}
        >
          <PatientChart patient={patient} />
        </EmbedProvider>
      </main>
    </>
  )
}
