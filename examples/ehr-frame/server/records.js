// @ts-check
// The EHR's people, as the host app knows them. Ids are the EHR's; the Junction users are `staff:` and
// `patient:` ids, so that a clinician and a patient never share one.

/** The clinician the fake EHR is signed in as. */
export const CLINICIAN = { id: 'ruth', name: 'Dr Ruth Okafor', teamId: 'northwind-labs' }

/** Ada's details are on file at Junction; Grace is new and has none (the demographics gate asks). */
export const PATIENTS = [
  { id: 'ada', name: 'Ada Lovelace' },
  { id: 'grace', name: 'Grace Hopper' },
]

/** @param {string} id */
export const patientClientUserId = (id) => `patient:${id}`
/** @param {string} id */
export const staffClientUserId = (id) => `staff:${id}`
