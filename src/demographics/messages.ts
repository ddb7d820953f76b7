/** Every text `<DemographicsGate>` shows; override any of them (i18n). */
export interface DemographicsGateMessages {
  /** While the demographics on file are read. */
  checking: string
  /** When they could not be read. */
  readFailed: string
  retry: string
  /** Above the form. */
  intro: string
  patientLegend: string
  addressLegend: string
  aboutLegend: string
  proxyLegend: string
  /** Empty choice of a select. */
  choose: string
  save: string
  saving: string
  /** Title of the error summary. */
  summaryTitle: string
  /** When the save failed for another reason than the fields. */
  saveFailed: string
  /** Announced after a successful save. */
  saved: string
}

export const DEFAULT_DEMOGRAPHICS_MESSAGES: DemographicsGateMessages = {
  checking: 'Checking the patient’s details…',
  readFailed: 'The patient’s details could not be read.',
  retry: 'Try again',
  intro: 'A few details are needed before the portal can open.',
  patientLegend: 'Patient',
  addressLegend: 'Address',
  aboutLegend: 'About the patient (optional)',
  proxyLegend: 'Medical proxy (optional)',
  choose: 'Choose…',
  save: 'Save and continue',
  saving: 'Saving…',
  summaryTitle: 'Please correct the following:',
  saveFailed: 'The details could not be saved. Nothing you typed was lost; try again.',
  saved: 'Details saved.',
}
