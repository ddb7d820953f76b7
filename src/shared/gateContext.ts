import { createContext, useContext } from 'react'

/** What a `<DemographicsGate>` offers the components inside it. */
export interface DemographicsGateHandoff {
  /**
   * Hands a `demographics_required` error over to the gate, which then asks for `missing`. Returns
   * true when the gate took it (the component then shows no error of its own).
   */
  requireDemographics: (missing: readonly string[]) => boolean
}

export const DemographicsGateContext = createContext<DemographicsGateHandoff | null>(null)
if (process.env.NODE_ENV !== 'production') DemographicsGateContext.displayName = 'DemographicsGateContext'

/** The enclosing `<DemographicsGate>`'s hand-over, or null outside one. */
export function useDemographicsHandoff(): DemographicsGateHandoff | null {
  return useContext(DemographicsGateContext)
}
