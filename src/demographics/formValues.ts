import { type Demographics, REQUIRED_DEMOGRAPHIC_FIELDS } from '../core/demographics.js'
import { midSentence } from './midSentence.js'

/** The demographics a form may ask for on top of the required ones. */
export type OptionalDemographicsField =
  | 'race'
  | 'ethnicity'
  | 'sexual_orientation'
  | 'gender_identity'
  | 'medical_proxy'

const CHOICES = ['race', 'ethnicity', 'sexual_orientation', 'gender_identity'] as const

export const OPTIONAL_DEMOGRAPHIC_FIELDS: readonly OptionalDemographicsField[] = [...CHOICES, 'medical_proxy']

const ADDRESS = ['first_line', 'second_line', 'city', 'state', 'zip', 'country'] as const

/** `keys` as dotted paths under `parent`. */
function under<P extends string, K extends readonly string[]>(parent: P, keys: K) {
  return keys.map((key) => `${parent}.${key}`) as { readonly [I in keyof K]: `${P}.${K[I]}` }
}

/**
 * Every input of the form, as a dotted path, in the form's order: the keys of the values and errors a
 * custom `renderForm` receives (`DemographicsFormPath` is one of them).
 */
export const DEMOGRAPHICS_FORM_PATHS = [
  'first_name',
  'last_name',
  'email',
  'phone_number',
  'gender',
  'dob',
  ...under('address', ADDRESS),
  ...CHOICES,
  ...under('medical_proxy', [
    'first_name',
    'last_name',
    'phone_number',
    'email',
    ...under('address', ADDRESS),
  ] as const),
] as const

export type DemographicsFormPath = (typeof DEMOGRAPHICS_FORM_PATHS)[number]

/** What the form holds: one string per input, `''` when empty. Patient data: never log it. */
export type DemographicsFormValues = Record<DemographicsFormPath, string>

type LastKey<P extends string> = P extends `${string}.${infer Rest}` ? LastKey<Rest> : P

/** What an input asks for, whoever it is about: `address.zip` and `medical_proxy.address.zip` are both `zip`. */
export type FieldKey = LastKey<DemographicsFormPath>

export function fieldKey(path: DemographicsFormPath): FieldKey {
  return path.slice(path.lastIndexOf('.') + 1) as FieldKey
}

/** Whether a path is one of the medical proxy's. */
function isProxyPath(path: DemographicsFormPath): boolean {
  return path.startsWith('medical_proxy.')
}

type Option = { value: string; label: string }

/** Options from `{ value: label }`, in order. */
function options(labels: Record<string, string>): readonly Option[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }))
}

export const GENDER_OPTIONS = options({ female: 'Female', male: 'Male', other: 'Other', unknown: 'Prefer not to say' })

export const RACE_OPTIONS = options({
  african_american_or_black: 'Black or African American',
  asian: 'Asian',
  indigenous_native_american_alaska_native: 'Indigenous, Native American or Alaska Native',
  other: 'Other',
  pacific_islander_or_hawaiian: 'Native Hawaiian or Pacific Islander',
  white_caucasian: 'White or Caucasian',
})

export const ETHNICITY_OPTIONS = options({
  hispanic: 'Hispanic or Latino',
  non_hispanic: 'Not Hispanic or Latino',
  ashkenazi_jewish: 'Ashkenazi Jewish',
  other: 'Other',
})

export const SEXUAL_ORIENTATION_OPTIONS = options({
  lesbian_gay_or_homosexual: 'Lesbian, gay or homosexual',
  heterosexual_or_straight: 'Straight or heterosexual',
  bisexual: 'Bisexual',
  dont_know: 'Don’t know',
  other: 'Other',
})

export const GENDER_IDENTITY_OPTIONS = options({
  male: 'Male',
  female: 'Female',
  female_to_male_ftm_transgender_male_trans_man: 'Transgender man (female to male)',
  male_to_female_mtf_transgender_female_trans_woman: 'Transgender woman (male to female)',
  genderqueer: 'Genderqueer',
  other: 'Other',
})

/** The inputs that are a choice among options. */
export const SELECT_OPTIONS: Partial<Record<FieldKey, readonly Option[]>> = {
  gender: GENDER_OPTIONS,
  race: RACE_OPTIONS,
  ethnicity: ETHNICITY_OPTIONS,
  sexual_orientation: SEXUAL_ORIENTATION_OPTIONS,
  gender_identity: GENDER_IDENTITY_OPTIONS,
}

/** The label of each input, and the patient's autofill token. */
const FIELDS: Record<FieldKey, readonly [label: string, autocomplete?: string]> = {
  first_name: ['First name', 'given-name'],
  last_name: ['Last name', 'family-name'],
  email: ['Email', 'email'],
  phone_number: ['Phone number', 'tel'],
  gender: ['Sex', 'sex'],
  dob: ['Date of birth', 'bday'],
  first_line: ['Address line 1', 'address-line1'],
  second_line: ['Address line 2', 'address-line2'],
  city: ['City', 'address-level2'],
  state: ['State or region', 'address-level1'],
  zip: ['ZIP or postal code', 'postal-code'],
  country: ['Country', 'country'],
  race: ['Race'],
  ethnicity: ['Ethnicity'],
  sexual_orientation: ['Sexual orientation'],
  gender_identity: ['Gender identity'],
}

/** One value per path, in form order. */
function byPath<T>(value: (path: DemographicsFormPath) => T): Record<DemographicsFormPath, T> {
  return Object.fromEntries(DEMOGRAPHICS_FORM_PATHS.map((path) => [path, value(path)])) as Record<
    DemographicsFormPath,
    T
  >
}

/** Human labels per path; the medical proxy's read "Medical proxy: first name". */
export const FIELD_LABELS = byPath((path) => {
  const label = FIELDS[fieldKey(path)][0]
  return isProxyPath(path) ? `Medical proxy: ${midSentence(label)}` : label
})

/** Autocomplete tokens per path. The medical proxy's are `off`: the browser's autofill is the patient's own. */
export const AUTOCOMPLETE: Record<DemographicsFormPath, string | undefined> = byPath((path) =>
  isProxyPath(path) ? 'off' : FIELDS[fieldKey(path)][1],
)

const REQUIRED_PATHS: ReadonlySet<string> = new Set<string>(REQUIRED_DEMOGRAPHIC_FIELDS)

/**
 * Whether a path is sent, and checked, even when empty: the fields Junction requires of the patient, and
 * the same of the medical proxy but its email.
 */
export function isRequired(path: DemographicsFormPath): boolean {
  return REQUIRED_PATHS.has(path.replace('medical_proxy.', '')) && path !== 'medical_proxy.email'
}

/** A phone number without the spaces, dashes, dots and parentheses people type in it. */
export function normalizePhoneNumber(value: string): string {
  return value.replace(/[\s\-.()]/g, '')
}

export function emptyFormValues(): DemographicsFormValues {
  return byPath(() => '')
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
  const values = byPath((path) => {
    const value = valueAt(known, path)
    return typeof value === 'string' ? value : ''
  })
  // Junction's gender is free text: "Female" on file is the form's "female".
  const gender = GENDER_OPTIONS.find((option) => option.value === values.gender.trim().toLowerCase())
  if (gender) values.gender = gender.value
  return values
}

/** The optional group a path belongs to, or undefined for the always-shown paths. */
export function optionalGroupOf(path: DemographicsFormPath): OptionalDemographicsField | undefined {
  return OPTIONAL_DEMOGRAPHIC_FIELDS.find((group) => path.split('.')[0] === group)
}

/** The paths the form shows: required ones + address.second_line, plus the optional groups asked for. */
export function formPaths(optional: readonly OptionalDemographicsField[]): DemographicsFormPath[] {
  return DEMOGRAPHICS_FORM_PATHS.filter((path) => {
    const group = optionalGroupOf(path)
    return !group || optional.includes(group)
  })
}

/** A value as it is sent: trimmed; phone numbers normalised; country codes upper-cased. */
function sentValue(values: DemographicsFormValues, path: DemographicsFormPath): string {
  const value = values[path].trim()
  const key = fieldKey(path)
  if (key === 'phone_number') return normalizePhoneNumber(value)
  if (key === 'country') return value.toUpperCase()
  return value
}

/** Whether the medical proxy is asked for and any of its inputs holds something to send. */
export function hasMedicalProxy(
  values: DemographicsFormValues,
  optional: readonly OptionalDemographicsField[],
): boolean {
  return (
    optional.includes('medical_proxy') &&
    DEMOGRAPHICS_FORM_PATHS.some((path) => isProxyPath(path) && sentValue(values, path) !== '')
  )
}

/** The paths sent, and checked, in form order: those shown; the medical proxy's only when it holds something. */
export function sentPaths(
  values: DemographicsFormValues,
  optional: readonly OptionalDemographicsField[],
): DemographicsFormPath[] {
  const withProxy = hasMedicalProxy(values, optional)
  return formPaths(optional).filter((path) => withProxy || !isProxyPath(path))
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
  const body: Record<string, unknown> = {}
  for (const path of sentPaths(values, optional)) {
    const value = sentValue(values, path)
    if (value === '' && !isRequired(path)) continue
    const keys = path.split('.')
    const key = keys.pop() as string
    let node = body
    for (const parent of keys) {
      node[parent] ??= {}
      node = node[parent] as Record<string, unknown>
    }
    node[key] = value
  }
  // Built from the form's paths, which are the body's own.
  return body as unknown as Demographics
}
