'use client'

import { EmbedProvider } from 'embedded-portals'
import type { ReactNode } from 'react'

// Where a signed URL may be opened or framed. Against the vendor simulator (scripts/simulator.mjs sets
// NEXT_PUBLIC_SIMULATOR_PAGES_ORIGIN), its http://127.0.0.1 pages, which only `allowInsecureLocalhost`
// lets through: development only. Otherwise the vendors' own origins, https only.
const simulatorPages = process.env.NEXT_PUBLIC_SIMULATOR_PAGES_ORIGIN
const allowedOrigins = simulatorPages ? [simulatorPages] : ['https://*.junction.com']

export function Providers({ children }: { children: ReactNode }) {
  return (
    <EmbedProvider endpoint="/api/portals" allowedOrigins={allowedOrigins} allowInsecureLocalhost={!!simulatorPages}>
      {children}
    </EmbedProvider>
  )
}
