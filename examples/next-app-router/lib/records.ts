// The clinic's own records, as an EHR's database would hold them. Ids are the host's, never a vendor's.

export interface Patient {
  id: string
  name: string
  note: string
}

export const CLINICIAN = { id: 'ruth', name: 'Dr Ruth Okafor', teamId: 'northwind-clinic' } as const

export const PATIENTS: readonly Patient[] = [
  { id: 'ada', name: 'Ada Lovelace', note: 'Details on file' },
  { id: 'grace', name: 'Grace Hopper', note: 'New patient: no details yet' },
]

// Staff and patients live in different tables: prefixes keep their Junction users apart
// (docs/security.md, "One namespace for clientUserId"). scripts/simulator.mjs seeds the same ids.
export const staffClientUserId = (clinicianId: string) => `staff:${clinicianId}`
export const patientClientUserId = (patientId: string) => `patient:${patientId}`
