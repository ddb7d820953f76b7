import type { EmbedFieldError } from '../core/errors.js'
import {
  type DemographicsFormPath,
  type DemographicsFormValues,
  ETHNICITY_OPTIONS,
  formPaths,
  GENDER_IDENTITY_OPTIONS,
  hasMedicalProxy,
  normalizePhoneNumber,
  type OptionalDemographicsField,
  RACE_OPTIONS,
  SEXUAL_ORIENTATION_OPTIONS,
} from './formValues.js'

/** How to type a phone number, shown beside the input. */
export const PHONE_HINT = 'International format, starting with + and the country code, such as +14155550123'

/** Junction's rule for first and last names (`UserInfoCreateRequest`). */
const NAME_PATTERN = /^([a-zA-Z0-9]{1})([a-zA-Z0-9-.,']*(\s[a-zA-Z0-9-.,']+)*[a-zA-Z0-9-.,']?)$/
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/
const E164_PATTERN = /^\+[1-9]\d{6,14}$/
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const COUNTRY_PATTERN = /^[a-zA-Z]{2}$/
const ZIP_PATTERN = /^[a-zA-Z0-9 -]{1,10}$/
const EARLIEST_DOB = '1900-01-01'

// Messages complete the field's label ("First name is required") and never quote what was typed: it is patient data.
const MESSAGES = {
  required: 'is required',
  name: "must start with a letter or digit and use only letters A–Z without accents, digits, single spaces between words, and - . , '",
  email: 'must be an email address, such as name@example.com',
  phone: 'must be a phone number in international format, starting with + and the country code, such as +14155550123',
  dateFormat: 'must be a date written as YYYY-MM-DD',
  dateReal: 'must be a date that exists on the calendar',
  dateFuture: 'cannot be in the future',
  dateTooEarly: `must be on or after ${EARLIEST_DOB}`,
  country: 'must be a two-letter country code, such as US',
  zip: 'must be at most 10 letters, digits, spaces or dashes',
  option: 'must be one of the listed options',
} as const

type Rule = (value: string, now: Date) => string | undefined

const name: Rule = (value) => (NAME_PATTERN.test(value) ? undefined : MESSAGES.name)
const email: Rule = (value) => (EMAIL_PATTERN.test(value) && !value.includes('..') ? undefined : MESSAGES.email)
const phone: Rule = (value) => (E164_PATTERN.test(normalizePhoneNumber(value)) ? undefined : MESSAGES.phone)
const country: Rule = (value) => (COUNTRY_PATTERN.test(value) ? undefined : MESSAGES.country)
const zip: Rule = (value) => (ZIP_PATTERN.test(value) ? undefined : MESSAGES.zip)
const anything: Rule = () => undefined

function oneOf(options: readonly { value: string }[]): Rule {
  return (value) => (options.some((option) => option.value === value) ? undefined : MESSAGES.option)
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/** `now`'s calendar day where the person filling the form is. */
function localDay(now: Date): string {
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

const dob: Rule = (value, now) => {
  const match = DATE_PATTERN.exec(value)
  if (!match) return MESSAGES.dateFormat
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(2000, month - 1, day))
  date.setUTCFullYear(year)
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return MESSAGES.dateReal
  }
  if (value < EARLIEST_DOB) return MESSAGES.dateTooEarly
  if (value > localDay(now)) return MESSAGES.dateFuture
  return undefined
}

/** The check of each path once it holds something; optional when `required` is false. */
const RULES: Record<DemographicsFormPath, { required: boolean; rule: Rule }> = {
  first_name: { required: true, rule: name },
  last_name: { required: true, rule: name },
  email: { required: true, rule: email },
  phone_number: { required: true, rule: phone },
  gender: { required: true, rule: anything },
  dob: { required: true, rule: dob },
  'address.first_line': { required: true, rule: anything },
  'address.second_line': { required: false, rule: anything },
  'address.city': { required: true, rule: anything },
  'address.state': { required: true, rule: anything },
  'address.zip': { required: true, rule: zip },
  'address.country': { required: true, rule: country },
  race: { required: false, rule: oneOf(RACE_OPTIONS) },
  ethnicity: { required: false, rule: oneOf(ETHNICITY_OPTIONS) },
  sexual_orientation: { required: false, rule: oneOf(SEXUAL_ORIENTATION_OPTIONS) },
  gender_identity: { required: false, rule: oneOf(GENDER_IDENTITY_OPTIONS) },
  'medical_proxy.first_name': { required: true, rule: name },
  'medical_proxy.last_name': { required: true, rule: name },
  'medical_proxy.phone_number': { required: true, rule: phone },
  'medical_proxy.email': { required: false, rule: email },
  'medical_proxy.address.first_line': { required: true, rule: anything },
  'medical_proxy.address.second_line': { required: false, rule: anything },
  'medical_proxy.address.city': { required: true, rule: anything },
  'medical_proxy.address.state': { required: true, rule: anything },
  'medical_proxy.address.zip': { required: true, rule: zip },
  'medical_proxy.address.country': { required: true, rule: country },
}

/**
 * Client-side checks mirroring Junction, so most errors never make a round trip. Values are checked as
 * `demographicsFromForm` sends them (trimmed). Messages are for people, complete the field's label ("is
 * required") and NEVER contain the value typed (patient data). Returns one error per failing path, in form order;
 * the medical proxy is checked only when asked for and any of its fields is filled.
 */
export function validateDemographicsForm(
  values: DemographicsFormValues,
  optional: readonly OptionalDemographicsField[],
  now: Date = new Date(),
): EmbedFieldError[] {
  const withProxy = hasMedicalProxy(values, optional)
  const errors: EmbedFieldError[] = []
  for (const path of formPaths(optional)) {
    if (path.startsWith('medical_proxy.') && !withProxy) continue
    const value = values[path].trim()
    const { required, rule } = RULES[path]
    const message = value === '' ? (required ? MESSAGES.required : undefined) : rule(value, now)
    if (message !== undefined) errors.push({ path, message })
  }
  return errors
}
