import { useMutation, useQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import type { Demographics } from '../core/demographics.js'
import { type DemographicsResponse, saveDemographics } from '../core/demographicsClient.js'
import type { EmbedError } from '../core/errors.js'
import { SECRET_QUERY_META } from '../core/queryMeta.js'
import { useEmbedContext } from '../provider/context.js'
import { demographicsQueryKey, demographicsQueryOptions, invalidateAfterSave } from './demographicsQuery.js'

/** What `useDemographics` offers in every state. */
export interface DemographicsActions {
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
 * The demographics on file, by `status`: `loading` until the first answer, `ready` with what is on file
 * (`demographics` null when nothing is; `missing` the required fields still missing, as dotted paths),
 * `error` with why they could not be read. Patient data: never log it.
 */
export type UseDemographicsResult = DemographicsActions &
  (
    | { status: 'loading'; demographics: null; missing: readonly string[]; error: null }
    | { status: 'ready'; demographics: Demographics | null; missing: readonly string[]; error: null }
    | { status: 'error'; demographics: null; missing: readonly string[]; error: EmbedError }
  )

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
  const { data, error } = query
  const loading = {
    isSaving: mutation.isPending,
    save,
    refetch,
    status: 'loading',
    demographics: null,
    missing: [],
    error: null,
  } as const
  if (data) return { ...loading, status: 'ready', demographics: data.demographics, missing: data.missing }
  if (error) return { ...loading, status: 'error', error }
  return loading
}
