import type { EmbedFieldError } from '../core/errors.js'
import {
  type DemographicsFormValues,
  ETHNICITY_OPTIONS,
  type FieldKey,
  fieldKey,
  GENDER_IDENTITY_OPTIONS,
  isRequired,
  normalizePhoneNumber,
  type OptionalDemographicsField,
  RACE_OPTIONS,
  SEXUAL_ORIENTATION_OPTIONS,
  sentPaths,
} from './formValues.js'
import { midSentence } from './midSentence.js'

/** How to type a phone number, shown beside the input. */
export const PHONE_HINT = 'International format, starting with + and the country code, such as +14155550123'

const EARLIEST_DOB = '1900-01-01'

/**
 * An input's check: what is wrong with its trimmed, non-empty value, or undefined. Messages complete the field's
 * label ("First name is required") and never quote what was typed: it is patient data.
 */
type Rule = (value: string, now: Date) => string | undefined

/** A rule that `pattern` must match, explained by `message`. */
function matching(pattern: RegExp, message: string): Rule {
  return (value) => (pattern.test(value) ? undefined : message)
}

/** Junction's rule for first and last names (`UserInfoCreateRequest`). */
const name = matching(
  /^([a-zA-Z0-9]{1})([a-zA-Z0-9-.,']*(\s[a-zA-Z0-9-.,']+)*[a-zA-Z0-9-.,']?)$/,
  "must start with a letter or digit and use only letters A–Z without accents, digits, single spaces between words, and - . , '",
)
const e164 = matching(/^\+[1-9]\d{6,14}$/, `must be a phone number in ${midSentence(PHONE_HINT)}`)

function oneOf(options: readonly { value: string }[]): Rule {
  return (value) => (options.some((option) => option.value === value) ? undefined : 'must be one of the listed options')
}

/** `now`'s calendar day where the person filling the form is, as `YYYY-MM-DD`. */
function localDay(now: Date): string {
  // Shifted by the time zone's offset, the UTC day is the local one.
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10)
}

const dob: Rule = (value, now) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return 'must be a date written as YYYY-MM-DD'
  const date = new Date(0)
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  // Out-of-range months and days roll over into another date.
  if (!date.toISOString().startsWith(value)) return 'must be a date that exists on the calendar'
  if (value < EARLIEST_DOB) return `must be on or after ${EARLIEST_DOB}`
  if (value > localDay(now)) return 'cannot be in the future'
  return undefined
}

/** The check of each input once it holds something; the medical proxy's are the patient's. */
const RULES: Partial<Record<FieldKey, Rule>> = {
  first_name: name,
  last_name: name,
  email: matching(/^(?!.*\.\.)[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/, 'must be an email address, such as name@example.com'),
  phone_number: (value, now) => e164(normalizePhoneNumber(value), now),
  dob,
  zip: matching(/^[a-zA-Z0-9 -]{1,10}$/, 'must be at most 10 letters, digits, spaces or dashes'),
  country: matching(/^[a-zA-Z]{2}$/, 'must be a two-letter country code, such as US'),
  race: oneOf(RACE_OPTIONS),
  ethnicity: oneOf(ETHNICITY_OPTIONS),
  sexual_orientation: oneOf(SEXUAL_ORIENTATION_OPTIONS),
  gender_identity: oneOf(GENDER_IDENTITY_OPTIONS),
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
  const errors: EmbedFieldError[] = []
  for (const path of sentPaths(values, optional)) {
    const value = values[path].trim()
    const message = value === '' ? (isRequired(path) ? 'is required' : undefined) : RULES[fieldKey(path)]?.(value, now)
    if (message !== undefined) errors.push({ path, message })
  }
  return errors
}
