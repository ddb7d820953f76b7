import type { QueryClient } from '@tanstack/react-query'
import { warnDetail } from '../core/devWarnings.js'

/**
 * Development builds: prints the `detail` of every failed query or mutation in `queryClient` once its
 * retries are spent. Returns the function that stops listening.
 */
export function warnFailures(queryClient: QueryClient): () => void {
  const onEvent = (event: { type: string; action?: { type: string; error?: unknown } }) => {
    if (event.type === 'updated' && event.action?.type === 'error') warnDetail(event.action.error)
  }
  const stopQueries = queryClient.getQueryCache().subscribe(onEvent)
  const stopMutations = queryClient.getMutationCache().subscribe(onEvent)
  return () => {
    stopQueries()
    stopMutations()
  }
}
