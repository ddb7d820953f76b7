import type { Demographics } from '../core/demographics.js'
import { isRecord } from '../core/untrusted.js'

const ADDRESS_FIELDS = ['first_line', 'second_line', 'city', 'state', 'zip', 'country', 'access_notes'] as const

const PROXY_FIELDS = [
  'first_name',
  'last_name',
  'address',
  'phone_number',
  'email',
  'household_income',
  'household_size',
] as const

const DEMOGRAPHIC_FIELDS = [
  'first_name',
  'last_name',
  'email',
  'phone_number',
  'gender',
  'dob',
  'address',
  'medical_proxy',
  'race',
  'ethnicity',
  'sexual_orientation',
  'gender_identity',
] as const

/** The `keys` of `value` that it has, each passed through `inner` when it has one. */
function pick(
  value: Record<string, unknown>,
  keys: readonly string[],
  inner: Partial<Record<string, (v: unknown) => unknown>> = {},
): Record<string, unknown> {
  const copy: Record<string, unknown> = {}
  for (const key of keys) {
    if (!Object.hasOwn(value, key)) continue
    const read = inner[key]
    copy[key] = read ? read(value[key]) : value[key]
  }
  return copy
}

function address(value: unknown): unknown {
  return isRecord(value) ? pick(value, ADDRESS_FIELDS) : value
}

function proxy(value: unknown): unknown {
  return isRecord(value) ? pick(value, PROXY_FIELDS, { address }) : value
}

/**
 * What is forwarded of a `PUT {basePath}/demographics` body: Junction's documented demographics fields
 * (`UserInfoCreateRequest`, its address and medical proxy), and nothing else the browser put there (a
 * `user_id`, a `client_user_id`, a `team_id`). Their values are Junction's to judge.
 */
export function documentedDemographics(body: Record<string, unknown>): Demographics {
  return pick(body, DEMOGRAPHIC_FIELDS, { address, medical_proxy: proxy }) as unknown as Demographics
}
