/** A postal address as Junction takes it (`zip`, not `zip_code`). */
export interface DemographicsAddress {
  first_line: string
  second_line?: string | null | undefined
  city: string
  state: string
  zip: string
  country: string
  access_notes?: string | null | undefined
}

/** Someone who acts for the patient. */
export interface MedicalProxy {
  first_name: string
  last_name: string
  address: DemographicsAddress
  phone_number: string
  email?: string | null | undefined
  household_income?: number | null | undefined
  household_size?: number | null | undefined
}

/** A patient's demographics, as Junction's `UserInfoCreateRequest`. Patient data: never log it. */
export interface Demographics {
  first_name: string
  last_name: string
  email: string
  /** International form, e.g. `+14155550123`. */
  phone_number: string
  /** Free text; Junction's SDKs use female, male, other, unknown. */
  gender: string
  /** `YYYY-MM-DD`. */
  dob: string
  address: DemographicsAddress
  medical_proxy?: MedicalProxy | null | undefined
  race?: string | null | undefined
  ethnicity?: string | null | undefined
  sexual_orientation?: string | null | undefined
  gender_identity?: string | null | undefined
}

/** The fields Junction needs before it makes a portal URL, as dotted paths. */
export const REQUIRED_DEMOGRAPHIC_FIELDS = [
  'first_name',
  'last_name',
  'email',
  'phone_number',
  'gender',
  'dob',
  'address.first_line',
  'address.city',
  'address.state',
  'address.zip',
  'address.country',
] as const

export type RequiredDemographicField = (typeof REQUIRED_DEMOGRAPHIC_FIELDS)[number]

function valueAt(value: unknown, path: string): unknown {
  let current: unknown = value
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/** The required fields that are absent or blank in `value` (all of them for `null`). */
export function missingDemographics(value: unknown): RequiredDemographicField[] {
  return REQUIRED_DEMOGRAPHIC_FIELDS.filter((path) => {
    const field = valueAt(value, path)
    return typeof field !== 'string' || field.trim() === ''
  })
}
