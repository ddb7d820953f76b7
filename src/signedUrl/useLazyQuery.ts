import {
  type DefaultError,
  notifyManager,
  type QueryClient,
  type QueryKey,
  QueryObserver,
  type QueryObserverResult,
  type UseQueryOptions,
} from '@tanstack/react-query'
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'

const noop = () => {}

/**
 * `useQuery` without suspense or error boundaries, that creates nothing until it is first enabled: no
 * observer, no cache entry. A list of a thousand launch buttons costs what a thousand buttons cost until
 * the user shows intent; from then on it behaves as `useQuery` does (the same observer calls, in order).
 */
export function useLazyQuery<TData, TError = DefaultError, TKey extends QueryKey = QueryKey>(
  client: QueryClient,
  options: UseQueryOptions<TData, TError, TData, TKey>,
  enabled: boolean,
): QueryObserverResult<TData, TError> | null {
  const [observer, setObserver] = useState<QueryObserver<TData, TError, TData, TData, TKey> | null>(null)
  const live = observer !== null || enabled
  const defaulted = live ? client.defaultQueryOptions({ ...options, enabled }) : null
  if (defaulted) defaulted._optimisticResults = 'optimistic'
  // Created in the render that first enables it (a state update during render, which React replays at once).
  if (defaulted && observer === null) setObserver(new QueryObserver(client, defaulted))
  const result = observer && defaulted ? observer.getOptimisticResult(defaulted) : null

  useEffect(() => {
    if (observer && defaulted) observer.setOptions(defaulted)
  })

  useSyncExternalStore(
    useCallback(
      (onChange: () => void) => {
        if (!observer) return noop
        const unsubscribe = observer.subscribe(notifyManager.batchCalls(onChange))
        observer.updateResult()
        return unsubscribe
      },
      [observer],
    ),
    () => observer?.getCurrentResult() ?? null,
    () => observer?.getCurrentResult() ?? null,
  )
  return result
}
