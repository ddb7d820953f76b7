import type { Decorator, Preview } from '@storybook/react-vite'
import { QueryClient } from '@tanstack/react-query'
import { setupWorker } from 'msw/browser'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { type ReactNode, useState } from 'react'
import { configure } from 'storybook/test'
import { EmbedProvider } from '../src/provider/EmbedProvider.js'

// Queries and `waitFor` in play functions wait up to 5 s, not 1 s: the docs page runs every story at once, and
// `npm test` runs the story tests next to the other projects on a small machine.
configure({ asyncUtilTimeout: 5_000 })

/** One MSW worker for all stories; each story brings its handlers in `parameters.msw.handlers`. */
async function startWorker() {
  const worker = setupWorker()
  await worker.start({
    quiet: true,
    serviceWorker: { url: '/mockServiceWorker.js' },
    // Storybook's own modules pass through; an API call without a handler is a bug in the story.
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).pathname.startsWith('/api/')) print.error()
    },
  })
  return worker
}

/** A fresh react-query client per story, so no signed URL is shared between stories. */
function StoryEmbedProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient())
  return (
    <EmbedProvider endpoint="/api/portals" allowInsecureLocalhost queryClient={queryClient}>
      {children}
    </EmbedProvider>
  )
}

const withEmbedProvider: Decorator = (Story, { id }) => (
  <StoryEmbedProvider key={id}>
    <Story />
  </StoryEmbedProvider>
)

const preview: Preview = {
  loaders: [mswLoader(startWorker)],
  decorators: [withEmbedProvider],
  parameters: {
    a11y: { test: 'error' },
  },
}

export default preview
