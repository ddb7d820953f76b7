import { useMutation, useQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import type { Demographics } from '../core/demographics.js'
import { type DemographicsResponse, saveDemographics } from '../core/demographics-client.js'
import type { EmbedError } from '../core/errors.js'
import { SECRET_QUERY_META } from '../core/query-meta.js'
import { useEmbedContext } from '../provider/context.js'
import { demographicsQueryKey, demographicsQueryOptions, invalidateAfterSave } from './demographicsQuery.js'

export interface UseDemographicsResult {
  /** `loading` until the first answer; `error` when it could not be read. */
  status: 'loading' | 'ready' | 'error'
  /** What is on file, or null. Patient data: never log it. */
  demographics: Demographics | null
  /** Required fields still missing, as dotted paths (`address.zip`). Empty when complete. */
  missing: readonly string[]
  /** Why the read failed. */
  error: EmbedError | null
  /** A save is in flight. */
  isSaving: boolean
  /**
   * Saves the full object (`PUT`). Resolves with what is now on file; rejects with an `EmbedError`
   * (`validation_error` carries `fields`). Then this subject's signed URLs are fetched again.
   */
  save: (demographics: Demographics) => Promise<DemographicsResponse>
  /** Reads again. */
  refetch: () => void
}

/**
 * A patient's demographics through the host's endpoint: read (`GET {endpoint}/demographics`) and save
 * (`PUT`). `subject` is the host's opaque id of the patient; without it, the signed-in user. Patient
 * data is kept in memory only, briefly, and never persisted.
 */
export function useDemographics(subject?: string): UseDemographicsResult {
  const { config, queryClient } = useEmbedContext('useDemographics')
  const query = useQuery(demographicsQueryOptions(config, subject), queryClient)
  const mutation = useMutation<DemographicsResponse, EmbedError, Demographics>(
    {
      mutationFn: (demographics) => saveDemographics(config, demographics, subject),
      onSuccess: async (response) => {
        queryClient.setQueryData(demographicsQueryKey(config, subject), response)
        await invalidateAfterSave(queryClient, config, subject)
      },
      // Patient data: nothing of the mutation stays around once it settled, and no persister keeps it.
      gcTime: 0,
      meta: SECRET_QUERY_META,
    },
    queryClient,
  )
  const { mutateAsync } = mutation
  const save = useCallback((demographics: Demographics) => mutateAsync(demographics), [mutateAsync])
  const { refetch: queryRefetch } = query
  const refetch = useCallback(() => void queryRefetch(), [queryRefetch])
  const data = query.data
  return {
    status: data ? 'ready' : query.error ? 'error' : 'loading',
    demographics: data?.demographics ?? null,
    missing: data?.missing ?? [],
    error: data ? null : query.error,
    isSaving: mutation.isPending,
    save,
    refetch,
  }
}
