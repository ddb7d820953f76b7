import { useEffect, useRef } from 'react'
import { warnDetail } from '../core/devWarnings.js'
import type { EmbedError } from '../core/errors.js'
import { useDemographicsHandoff } from '../shared/gateContext.js'

/** Reports each error once: a missing-demographics one to an enclosing gate when there is one, else to `onError`. */
export function useReportError(
  error: EmbedError | undefined,
  onError: ((error: EmbedError) => void) | undefined,
): void {
  const handoff = useDemographicsHandoff()
  const latest = useRef(onError)
  useEffect(() => {
    latest.current = onError
  })
  useEffect(() => {
    if (!error) return
    warnDetail(error)
    if (error.code === 'demographics_required' && handoff?.requireDemographics(error.missing ?? [])) return
    latest.current?.(error)
  }, [error, handoff])
}
