import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { EmbedProvider } from '../src/index.js'
import '../src/styles/embedded-portals.css'
import './demo.css'
import { App } from './App.js'

const queryClient = new QueryClient()
const root = document.getElementById('root')
if (!root) throw new Error('The demo page has no #root.')

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* The vendor simulator serves its pages over http on 127.0.0.1; real vendors use https. */}
      <EmbedProvider endpoint="/api/portals" allowInsecureLocalhost>
        <App />
      </EmbedProvider>
    </QueryClientProvider>
  </StrictMode>,
)
