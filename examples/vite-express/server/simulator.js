// @ts-check
// The vendor simulator this example runs against when no vendor key is set: Junction, Junction Management
// and UserHub on 127.0.0.1, with the clinic's people already there.
import { SAMPLE_DEMOGRAPHICS, startSimulator } from 'embedded-portals/testing'
import { CLINICIANS, patientClientUserId, staffClientUserId } from './records.js'

/**
 * Ada's details are on file; Grace is new to Junction and has none (the demographics gate asks for them).
 * @param {{ port?: number | undefined }} [options] default 0: a free port
 */
export function startExampleSimulator({ port } = {}) {
  return startSimulator({
    port,
    seedData: {
      junctionUsers: [
        { clientUserId: patientClientUserId('ada'), demographics: SAMPLE_DEMOGRAPHICS },
        { clientUserId: patientClientUserId('grace') },
        ...CLINICIANS.map((clinician) => ({ clientUserId: staffClientUserId(clinician.id) })),
      ],
      userhubUsers: CLINICIANS.map((clinician) => clinician.userhubUserId),
    },
  })
}
