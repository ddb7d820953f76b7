import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import 'embedded-portals/styles.css'
import './app.css'
import { App } from './App.tsx'

// The app's own queries (the launch). Signed URLs never enter this client: <EmbedProvider> keeps them in a
// private one.
const queryClient = new QueryClient()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root.')
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
