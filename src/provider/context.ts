import type { QueryClient } from '@tanstack/react-query'
import { createContext, useContext } from 'react'
import type { EmbedClientConfig } from '../core/wireClient.js'

export interface EmbedContextValue {
  /** Stable for the provider's life unless `endpoint`, `allowedOrigins` or a number changes. */
  config: EmbedClientConfig
  queryClient: QueryClient
}

export const EmbedContext = createContext<EmbedContextValue | null>(null)
if (process.env.NODE_ENV !== 'production') EmbedContext.displayName = 'EmbedContext'

/** The provider's configuration; throws an error naming `consumer` and `<EmbedProvider>` outside one. */
export function useEmbedContext(consumer: string): EmbedContextValue {
  const value = useContext(EmbedContext)
  if (value === null) {
    throw new Error(
      process.env.NODE_ENV !== 'production'
        ? `${consumer} must be used within <EmbedProvider>. Wrap your app (or this part of it) in ` +
            '<EmbedProvider endpoint="/api/portals">.'
        : `${consumer} outside <EmbedProvider>`,
    )
  }
  return value
}
