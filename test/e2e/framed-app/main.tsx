import { useState } from 'react'
import { createRoot } from 'react-dom/client'
import {
  DemographicsGate,
  type EmbedError,
  EmbedProvider,
  type LaunchEvent,
  PortalLaunchButton,
} from '../../../src/index.js'

// A host app as an EHR frames it: the signed-in user's token held in memory (here from the page's own
// query, as a SMART launch would hand it over) and sent through `headers`; none when `?user=` is absent.
// The button sits in a `<DemographicsGate>`, or alone with `?gate=no`. What the library tells the host
// (onLaunch, onError with its development detail) is listed on the page.

const query = new URLSearchParams(location.search)
const user = query.get('user')
const gated = query.get('gate') !== 'no'

function App() {
  const [events, setEvents] = useState<string[]>([])
  const add = (line: string) => setEvents((current) => [...current, line])
  const button = (
    <PortalLaunchButton
      onLaunch={(event: LaunchEvent) => add(`launch ${event.via}`)}
      onError={(error: EmbedError) => add(`error ${error.code}: ${error.detail ?? ''}`)}
    />
  )
  return (
    <EmbedProvider
      endpoint="/api/portals"
      headers={user ? { authorization: `Bearer ${user}` } : undefined}
      allowInsecureLocalhost
    >
      <h1>Host app</h1>
      {gated ? (
        <DemographicsGate
          onComplete={() => add('details saved')}
          onError={(error: EmbedError) => add(`gate error ${error.code}: ${error.detail ?? ''}`)}
        >
          {button}
        </DemographicsGate>
      ) : (
        button
      )}
      <ol aria-label="What the host heard">
        {events.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list only grows
          <li key={index}>{line}</li>
        ))}
      </ol>
    </EmbedProvider>
  )
}

const root = document.getElementById('root')
if (!root) throw new Error('The page has no #root.')
createRoot(root).render(<App />)
