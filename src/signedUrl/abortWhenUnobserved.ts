import type { Query, QueryClient, QueryKey } from '@tanstack/react-query'

/**
 * Development builds: aborts `controller` (and reverts the query) once the query has had observers and
 * then lost them all for a whole task. Waiting a task is what keeps StrictMode's unmount-and-remount from aborting and
 * repeating a request; a prefetch, which never had an observer, is left to finish. Returns a release
 * function to call when the request settles.
 */
export function abortWhenUnobserved(client: QueryClient, queryKey: QueryKey, controller: AbortController): () => void {
  const cache = client.getQueryCache()
  const query: Query | undefined = cache.find({ queryKey, exact: true })
  if (!query) return () => {}
  let pending: ReturnType<typeof setTimeout> | undefined
  const unsubscribe = cache.subscribe((event) => {
    if (event.query !== query) return
    if (event.type === 'observerAdded') {
      clearTimeout(pending)
      pending = undefined
    } else if (event.type === 'observerRemoved' && query.getObserversCount() === 0) {
      clearTimeout(pending)
      pending = setTimeout(() => {
        if (query.getObserversCount() > 0 || controller.signal.aborted) return
        void query.cancel({ revert: true })
        controller.abort(new DOMException('No component needs this signed URL any more.', 'AbortError'))
      }, 0)
    }
  })
  return () => {
    clearTimeout(pending)
    unsubscribe()
  }
}
