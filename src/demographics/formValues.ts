import {
  type Demographics,
  type DemographicsAddress,
  type MedicalProxy,
  REQUIRED_DEMOGRAPHIC_FIELDS,
} from '../core/demographics.js'

/** The demographics a form may ask for on top of the required ones. */
export type OptionalDemographicsField =
  | 'race'
  | 'ethnicity'
  | 'sexual_orientation'
  | 'gender_identity'
  | 'medical_proxy'

export const OPTIONAL_DEMOGRAPHIC_FIELDS: readonly OptionalDemographicsField[] = [
  'race',
  'ethnicity',
  'sexual_orientation',
  'gender_identity',
  'medical_proxy',
]

/** Every input of the form, as a dotted path. */
export const DEMOGRAPHICS_FORM_PATHS = [
  'first_name',
  'last_name',
  'email',
  'phone_number',
  'gender',
  'dob',
  'address.first_line',
  'address.second_line',
  'address.city',
  'address.state',
  'address.zip',
  'address.country',
  'race',
  'ethnicity',
  'sexual_orientation',
  'gender_identity',
  'medical_proxy.first_name',
  'medical_proxy.last_name',
  'medical_proxy.phone_number',
  'medical_proxy.email',
  'medical_proxy.address.first_line',
  'medical_proxy.address.second_line',
  'medical_proxy.address.city',
  'medical_proxy.address.state',
  'medical_proxy.address.zip',
  'medical_proxy.address.country',
] as const

export type DemographicsFormPath = (typeof DEMOGRAPHICS_FORM_PATHS)[number]

/** What the form holds: one string per input, `''` when empty. Patient data: never log it. */
export type DemographicsFormValues = Record<DemographicsFormPath, string>

type Option = { value: string; label: string }

export const GENDER_OPTIONS: readonly Option[] = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other' },
  { value: 'unknown', label: 'Prefer not to say' },
]

export const RACE_OPTIONS: readonly Option[] = [
  { value: 'african_american_or_black', label: 'Black or African American' },
  { value: 'asian', label: 'Asian' },
  { value: 'indigenous_native_american_alaska_native', label: 'Indigenous, Native American or Alaska Native' },
  { value: 'other', label: 'Other' },
  { value: 'pacific_islander_or_hawaiian', label: 'Native Hawaiian or Pacific Islander' },
  { value: 'white_caucasian', label: 'White or Caucasian' },
]

export const ETHNICITY_OPTIONS: readonly Option[] = [
  { value: 'hispanic', label: 'Hispanic or Latino' },
  { value: 'non_hispanic', label: 'Not Hispanic or Latino' },
  { value: 'ashkenazi_jewish', label: 'Ashkenazi Jewish' },
  { value: 'other', label: 'Other' },
]

export const SEXUAL_ORIENTATION_OPTIONS: readonly Option[] = [
  { value: 'lesbian_gay_or_homosexual', label: 'Lesbian, gay or homosexual' },
  { value: 'heterosexual_or_straight', label: 'Straight or heterosexual' },
  { value: 'bisexual', label: 'Bisexual' },
  { value: 'dont_know', label: 'Don’t know' },
  { value: 'other', label: 'Other' },
]

export const GENDER_IDENTITY_OPTIONS: readonly Option[] = [
  { value: 'male', label: 'Male' },
  { value: 'female', label: 'Female' },
  { value: 'female_to_male_ftm_transgender_male_trans_man', label: 'Transgender man (female to male)' },
  { value: 'male_to_female_mtf_transgender_female_trans_woman', label: 'Transgender woman (male to female)' },
  { value: 'genderqueer', label: 'Genderqueer' },
  { value: 'other', label: 'Other' },
]

/** Autocomplete tokens per path. The medical proxy's are `off`: the browser's autofill is the patient's own. */
export const AUTOCOMPLETE: Partial<Record<DemographicsFormPath, string>> = {
  first_name: 'given-name',
  last_name: 'family-name',
  email: 'email',
  phone_number: 'tel',
  gender: 'sex',
  dob: 'bday',
  'address.first_line': 'address-line1',
  'address.second_line': 'address-line2',
  'address.city': 'address-level2',
  'address.state': 'address-level1',
  'address.zip': 'postal-code',
  'address.country': 'country',
  'medical_proxy.first_name': 'off',
  'medical_proxy.last_name': 'off',
  'medical_proxy.phone_number': 'off',
  'medical_proxy.email': 'off',
  'medical_proxy.address.first_line': 'off',
  'medical_proxy.address.second_line': 'off',
  'medical_proxy.address.city': 'off',
  'medical_proxy.address.state': 'off',
  'medical_proxy.address.zip': 'off',
  'medical_proxy.address.country': 'off',
}

/** Human labels per path. */
export const FIELD_LABELS: Record<DemographicsFormPath, string> = {
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone_number: 'Phone number',
  gender: 'Sex',
  dob: 'Date of birth',
  'address.first_line': 'Address line 1',
  'address.second_line': 'Address line 2',
  'address.city': 'City',
  'address.state': 'State or region',
  'address.zip': 'ZIP or postal code',
  'address.country': 'Country',
  race: 'Race',
  ethnicity: 'Ethnicity',
  sexual_orientation: 'Sexual orientation',
  gender_identity: 'Gender identity',
  'medical_proxy.first_name': 'Medical proxy: first name',
  'medical_proxy.last_name': 'Medical proxy: last name',
  'medical_proxy.phone_number': 'Medical proxy: phone number',
  'medical_proxy.email': 'Medical proxy: email',
  'medical_proxy.address.first_line': 'Medical proxy: address line 1',
  'medical_proxy.address.second_line': 'Medical proxy: address line 2',
  'medical_proxy.address.city': 'Medical proxy: city',
  'medical_proxy.address.state': 'Medical proxy: state or region',
  'medical_proxy.address.zip': 'Medical proxy: ZIP or postal code',
  'medical_proxy.address.country': 'Medical proxy: country',
}

const REQUIRED_PATHS: ReadonlySet<string> = new Set<string>(REQUIRED_DEMOGRAPHIC_FIELDS)
const MEDICAL_PROXY_PATHS = DEMOGRAPHICS_FORM_PATHS.filter((path) => path.startsWith('medical_proxy.'))

/** The optional group a path belongs to, or undefined for the always-shown paths. */
function optionalGroupOf(path: DemographicsFormPath): OptionalDemographicsField | undefined {
  if (path.startsWith('medical_proxy.')) return 'medical_proxy'
  if (path === 'race' || path === 'ethnicity' || path === 'sexual_orientation' || path === 'gender_identity') {
    return path
  }
  return undefined
}

/** A phone number without the spaces, dashes, dots and parentheses people type in it. */
export function normalizePhoneNumber(value: string): string {
  return value.replace(/[\s\-.()]/g, '')
}

export function emptyFormValues(): DemographicsFormValues {
  const values = {} as DemographicsFormValues
  for (const path of DEMOGRAPHICS_FORM_PATHS) values[path] = ''
  return values
}

function valueAt(value: unknown, path: string): unknown {
  let current: unknown = value
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/** Prefills from what is known (null/undefined/non-string become ''). */
export function formValuesFrom(known: unknown): DemographicsFormValues {
  const values = emptyFormValues()
  for (const path of DEMOGRAPHICS_FORM_PATHS) {
    const value = valueAt(known, path)
    if (typeof value === 'string') values[path] = value
  }
  // Junction's gender is free text: "Female" on file is the form's "female".
  const gender = GENDER_OPTIONS.find((option) => option.value === values.gender.trim().toLowerCase())
  if (gender) values.gender = gender.value
  return values
}

/** The paths the form shows: required ones + address.second_line, plus the optional groups asked for. */
export function formPaths(optional: readonly OptionalDemographicsField[]): DemographicsFormPath[] {
  return DEMOGRAPHICS_FORM_PATHS.filter((path) => {
    if (REQUIRED_PATHS.has(path) || path === 'address.second_line') return true
    const group = optionalGroupOf(path)
    return group !== undefined && optional.includes(group)
  })
}

/** A value as it is sent: trimmed; phone numbers normalised; country codes upper-cased. */
function sentValue(values: DemographicsFormValues, path: DemographicsFormPath): string {
  const value = values[path].trim()
  if (path.endsWith('phone_number')) return normalizePhoneNumber(value)
  if (path.endsWith('address.country')) return value.toUpperCase()
  return value
}

/** Whether the medical proxy is asked for and any of its inputs holds something to send. */
export function hasMedicalProxy(
  values: DemographicsFormValues,
  optional: readonly OptionalDemographicsField[],
): boolean {
  return optional.includes('medical_proxy') && MEDICAL_PROXY_PATHS.some((path) => sentValue(values, path) !== '')
}

function addressFrom(values: DemographicsFormValues, prefix: '' | 'medical_proxy.'): DemographicsAddress {
  const text = (key: 'first_line' | 'second_line' | 'city' | 'state' | 'zip' | 'country') =>
    sentValue(values, `${prefix}address.${key}` as const)
  const address: DemographicsAddress = {
    first_line: text('first_line'),
    city: text('city'),
    state: text('state'),
    zip: text('zip'),
    country: text('country'),
  }
  const secondLine = text('second_line')
  if (secondLine !== '') address.second_line = secondLine
  return address
}

/**
 * The body to PUT: trimmed strings; empty optional values omitted; optional groups only when asked for;
 * medical_proxy only when asked for and any of its fields is filled. Phone numbers lose their spaces, dashes,
 * dots and parentheses; country codes are upper-cased.
 */
export function demographicsFromForm(
  values: DemographicsFormValues,
  optional: readonly OptionalDemographicsField[],
): Demographics {
  const text = (path: DemographicsFormPath) => sentValue(values, path)
  const demographics: Demographics = {
    first_name: text('first_name'),
    last_name: text('last_name'),
    email: text('email'),
    phone_number: text('phone_number'),
    gender: text('gender'),
    dob: text('dob'),
    address: addressFrom(values, ''),
  }
  for (const key of ['race', 'ethnicity', 'sexual_orientation', 'gender_identity'] as const) {
    const value = text(key)
    if (optional.includes(key) && value !== '') demographics[key] = value
  }
  if (hasMedicalProxy(values, optional)) {
    const proxy: MedicalProxy = {
      first_name: text('medical_proxy.first_name'),
      last_name: text('medical_proxy.last_name'),
      phone_number: text('medical_proxy.phone_number'),
      address: addressFrom(values, 'medical_proxy.'),
    }
    const email = text('medical_proxy.email')
    if (email !== '') proxy.email = email
    demographics.medical_proxy = proxy
  }
  return demographics
}
