// @ts-check
// The clinic's own records, as an EHR's database would hold them. Ids are the host's, never a vendor's.

/** @typedef {{ id: string, name: string, teamId: string, userhubUserId: string }} Clinician */
/** @typedef {{ id: string, name: string, note: string, clinicianId: string }} Patient */

/** @type {readonly Clinician[]} */
export const CLINICIANS = [{ id: 'ruth', name: 'Dr Ruth Okafor', teamId: 'northwind-clinic', userhubUserId: 'uh-ruth' }]

/** @type {readonly Patient[]} */
export const PATIENTS = [
  { id: 'ada', name: 'Ada Lovelace', note: 'Details on file', clinicianId: 'ruth' },
  { id: 'grace', name: 'Grace Hopper', note: 'New patient: no details yet', clinicianId: 'ruth' },
]

/** @param {string} id */
export const clinicianById = (id) => CLINICIANS.find((clinician) => clinician.id === id)

/** The patients in a clinician's care. @param {string} clinicianId */
export const patientsOf = (clinicianId) => PATIENTS.filter((patient) => patient.clinicianId === clinicianId)

// Staff and patients live in different tables: prefixes keep their Junction users apart
// (docs/security.md, "One namespace for clientUserId").
/** @param {string} clinicianId */
export const staffClientUserId = (clinicianId) => `staff:${clinicianId}`
/** @param {string} patientId */
export const patientClientUserId = (patientId) => `patient:${patientId}`
