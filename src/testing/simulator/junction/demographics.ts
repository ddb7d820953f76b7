import type { SimulatedDemographics } from '../types.js'
import { Issues, isRecord, type Loc, optional, type Rec } from '../validation.js'

/** Junction's name rule: ASCII letters and digits, inner `-.,'` and single spaces, no edge spaces. */
export const NAME_PATTERN = /^([a-zA-Z0-9]{1})([a-zA-Z0-9-.,']*(\s[a-zA-Z0-9-.,']+)*[a-zA-Z0-9-.,']?)$/

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

const RACES = [
  'african_american_or_black',
  'asian',
  'indigenous_native_american_alaska_native',
  'other',
  'pacific_islander_or_hawaiian',
  'white_caucasian',
] as const
const ETHNICITIES = ['hispanic', 'non_hispanic', 'ashkenazi_jewish', 'other'] as const
const SEXUAL_ORIENTATIONS = [
  'lesbian_gay_or_homosexual',
  'heterosexual_or_straight',
  'bisexual',
  'dont_know',
  'other',
] as const
const GENDER_IDENTITIES = [
  'male',
  'female',
  'female_to_male_ftm_transgender_male_trans_man',
  'male_to_female_mtf_transgender_female_trans_woman',
  'genderqueer',
  'other',
] as const

/** Whether `value` looks like an email address (the check pydantic's `EmailStr` would pass, roughly). */
export function isEmail(value: string): boolean {
  return EMAIL.test(value) && !value.includes('..')
}

function email(issues: Issues, value: unknown, loc: Loc): void {
  const text = issues.string(value, loc)
  if (text !== undefined && !isEmail(text)) {
    issues.add({
      type: 'value_error',
      loc: [...loc],
      msg: 'value is not a valid email address: The email address is not valid.',
      input: value,
      ctx: { reason: 'The email address is not valid.' },
    })
  }
}

function checkAddress(issues: Issues, parent: Rec, loc: Loc): void {
  const address = issues.present(parent, 'address', loc)
  if (address === undefined) return
  const at = [...loc, 'address']
  const record = issues.model(address, at, 'Address')
  if (!record) return
  for (const key of ['first_line', 'city', 'state', 'zip', 'country']) {
    const value = issues.present(record, key, at)
    if (value !== undefined) issues.string(value, [...at, key], { minLength: 1 })
  }
  for (const key of ['second_line', 'access_notes']) {
    const value = optional(record, key)
    if (value !== undefined) issues.string(value, [...at, key])
  }
}

function checkMedicalProxy(issues: Issues, value: unknown, loc: Loc): void {
  const proxy = issues.model(value, loc, 'GuarantorDetails')
  if (!proxy) return
  for (const key of ['first_name', 'last_name']) {
    const name = issues.present(proxy, key, loc)
    if (name !== undefined) issues.string(name, [...loc, key], { pattern: NAME_PATTERN })
  }
  checkAddress(issues, proxy, loc)
  const phone = issues.present(proxy, 'phone_number', loc)
  if (phone !== undefined) issues.string(phone, [...loc, 'phone_number'], { minLength: 1 })
  const proxyEmail = optional(proxy, 'email')
  if (proxyEmail !== undefined) email(issues, proxyEmail, [...loc, 'email'])
  for (const key of ['household_income', 'household_size']) {
    const number = optional(proxy, key)
    if (number !== undefined) issues.integer(number, [...loc, key])
  }
}

/** Checks a `UserInfoCreateRequest` (the full object) the way `PATCH /v2/user/{user_id}/info` does. */
export function checkUserInfo(issues: Issues, body: Rec, loc: Loc = ['body']): void {
  for (const key of ['first_name', 'last_name']) {
    const value = issues.present(body, key, loc)
    if (value !== undefined) issues.string(value, [...loc, key], { pattern: NAME_PATTERN })
  }
  const address = issues.present(body, 'email', loc)
  if (address !== undefined) email(issues, address, [...loc, 'email'])
  for (const key of ['phone_number', 'gender']) {
    const value = issues.present(body, key, loc)
    if (value !== undefined) issues.string(value, [...loc, key], { minLength: 1 })
  }
  const dob = issues.present(body, 'dob', loc)
  if (dob !== undefined) issues.date(dob, [...loc, 'dob'])
  checkAddress(issues, body, loc)
  const proxy = optional(body, 'medical_proxy')
  if (proxy !== undefined) checkMedicalProxy(issues, proxy, [...loc, 'medical_proxy'])
  const enums = [
    ['race', RACES],
    ['ethnicity', ETHNICITIES],
    ['sexual_orientation', SEXUAL_ORIENTATIONS],
    ['gender_identity', GENDER_IDENTITIES],
  ] as const
  for (const [key, allowed] of enums) {
    const value = optional(body, key)
    if (value !== undefined) issues.enumValue(value, [...loc, key], allowed)
  }
}

/** Whether stored demographics are complete enough for a portal URL (they would pass the PATCH checks). */
export function isComplete(demographics: SimulatedDemographics | undefined): boolean {
  if (!demographics) return false
  const issues = new Issues()
  checkUserInfo(issues, { ...demographics }, [])
  return issues.ok
}

const USER_INFO_FIELDS = [
  'first_name',
  'last_name',
  'email',
  'phone_number',
  'gender',
  'dob',
  'medical_proxy',
  'race',
  'ethnicity',
  'sexual_orientation',
  'gender_identity',
] as const

/** Keeps the known fields of a (checked) body, as the vendor stores them. */
export function storedDemographics(body: Rec): SimulatedDemographics {
  const stored: Rec = {}
  for (const key of [...USER_INFO_FIELDS, 'address']) {
    if (body[key] !== undefined) stored[key] = body[key]
  }
  return stored as SimulatedDemographics
}

/** The `UserInfo` answer: every field present, null when unknown. */
export function userInfoJson(demographics: SimulatedDemographics): Rec {
  const info: Rec = {}
  for (const key of USER_INFO_FIELDS) info[key] = demographics[key] ?? null
  const address = demographics.address
  info.address = isRecord(address)
    ? {
        first_line: address.first_line ?? null,
        second_line: address.second_line ?? null,
        city: address.city ?? null,
        state: address.state ?? null,
        zip: address.zip ?? null,
        country: address.country ?? null,
        access_notes: address.access_notes ?? null,
      }
    : null
  return info
}
