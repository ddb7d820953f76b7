import { CLINICIAN, PATIENTS } from './records'

export interface Session {
  clinicianId: string
  teamId: string
  /** The patients in this clinician's care. */
  patientIds: ReadonlySet<string>
}

/**
 * Who is signed in. This example has one clinician, always signed in: replace this with your own
 * session lookup (Auth.js, Clerk, iron-session…), reading the request's cookies or Authorization header.
 */
export async function getSession(_request: Request): Promise<Session | null> {
  return {
    clinicianId: CLINICIAN.id,
    teamId: CLINICIAN.teamId,
    patientIds: new Set(PATIENTS.map((patient) => patient.id)),
  }
}
