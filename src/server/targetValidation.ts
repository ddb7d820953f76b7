import { codePointLength } from '../core/codePoints.js'
import type { EmbedFieldError } from '../core/errors.js'
import type { Target, TargetKind } from '../core/target.js'

// The wire format's rules for a `target`: the server is where the browser's input is checked, once.

export type TargetValidation = { ok: true; target: Target } | { ok: false; fields: EmbedFieldError[] }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const FEATURE = /^[a-z][a-z0-9_]*(?::[A-Za-z0-9._-]+)?$/
// C0 controls, DEL, C1 controls, and the Unicode line/paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
// An `@` in the authority, even with empty credentials (`https://@evil.com`), which the parser drops silently.
const AUTHORITY_WITH_AT = /^[^:/?#]*:[/\\]*[^/?#\\]*@/
const MAX_ID_LENGTH = 256
const MAX_URL_LENGTH = 2048

/** The URL fields of a UserHub target, forwarded normalised (`new URL(value).href`) when absolute. */
const URL_FIELDS = ['portal_url', 'return_url', 'success_url'] as const

/** The fields of each target kind, `kind` first. */
export const TARGET_FIELDS: Record<TargetKind, readonly string[]> = {
  'junction.user_portal': ['kind', 'context', 'order_id', 'subject'],
  'junction.dashboard': [
    'kind',
    'feature',
    'modality',
    'environment',
    'member_id',
    'integration_member_id',
    'team_id',
    'integration_team_id',
  ],
  'userhub.portal': ['kind', 'portal_url', 'return_url', 'success_url', 'organization_id'],
}

type Fields = EmbedFieldError[]
type Rec = Record<string, unknown>

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function present(input: Rec, key: string): boolean {
  return input[key] !== undefined
}

/** An optional field sent as `null`: refused, as JSON Schema refuses it, rather than read as absent. */
function isNull(input: Rec, key: string, fields: Fields): boolean {
  if (input[key] !== null) return false
  fields.push({ path: key, message: 'must be left out rather than null' })
  return true
}

function checkId(input: Rec, key: string, fields: Fields, pattern?: RegExp): void {
  if (!present(input, key) || isNull(input, key, fields)) return
  const value = input[key]
  if (typeof value !== 'string' || value.length === 0) {
    fields.push({ path: key, message: 'must be a non-empty string' })
  } else if (codePointLength(value) > MAX_ID_LENGTH) {
    fields.push({ path: key, message: `must be at most ${MAX_ID_LENGTH} characters` })
  } else if (CONTROL.test(value)) {
    fields.push({ path: key, message: 'must not contain control characters' })
  } else if (pattern === UUID && !UUID.test(value)) {
    fields.push({ path: key, message: 'must be a uuid' })
  } else if (pattern && pattern !== UUID && !pattern.test(value)) {
    fields.push({ path: key, message: 'has an invalid format' })
  }
}

function checkEnum(input: Rec, key: string, allowed: readonly string[], fields: Fields): void {
  const value = input[key]
  if (typeof value !== 'string' || !allowed.includes(value)) {
    fields.push({ path: key, message: `must be one of ${allowed.map((v) => `"${v}"`).join(', ')}` })
  }
}

function checkExclusive(input: Rec, a: string, b: string, fields: Fields): void {
  if (input[a] != null && input[b] != null) {
    fields.push({ path: b, message: `cannot be given together with ${a}` })
  }
}

function checkUrl(input: Rec, key: string, fields: Fields, allowPath: boolean): void {
  if (!present(input, key) || isNull(input, key, fields)) return
  const value = input[key]
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    codePointLength(value) > MAX_URL_LENGTH ||
    CONTROL.test(value)
  ) {
    fields.push({ path: key, message: `must be a URL of at most ${MAX_URL_LENGTH} characters` })
    return
  }
  // Browsers read `\` as `/`, other parsers do not: `https://app.example.com\@evil.net/` has two readings.
  if (value.includes('\\')) {
    fields.push({ path: key, message: 'must not contain a backslash' })
    return
  }
  if (allowPath && value.startsWith('/') && !value.startsWith('//')) return
  let url: URL
  try {
    url = new URL(value)
  } catch {
    fields.push({ path: key, message: allowPath ? 'must be a path or an absolute URL' : 'must be an absolute URL' })
    return
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fields.push({ path: key, message: 'must be an http(s) URL' })
  } else if (url.username || url.password || AUTHORITY_WITH_AT.test(value)) {
    fields.push({ path: key, message: 'must not contain credentials' })
  }
}

function validateByKind(kind: TargetKind, input: Rec, fields: Fields): void {
  switch (kind) {
    case 'junction.user_portal':
      checkEnum(input, 'context', ['launch', 'communications'], fields)
      checkId(input, 'order_id', fields, UUID)
      checkId(input, 'subject', fields)
      return
    case 'junction.dashboard': {
      const feature = input.feature
      if (typeof feature !== 'string' || codePointLength(feature) > MAX_ID_LENGTH || !FEATURE.test(feature)) {
        fields.push({ path: 'feature', message: 'must be a feature slug such as "order_creation"' })
      }
      checkEnum(input, 'modality', ['feature_embed', 'link_out'], fields)
      checkEnum(input, 'environment', ['production', 'sandbox'], fields)
      checkId(input, 'member_id', fields, UUID)
      checkId(input, 'integration_member_id', fields)
      checkId(input, 'team_id', fields, UUID)
      checkId(input, 'integration_team_id', fields)
      checkExclusive(input, 'member_id', 'integration_member_id', fields)
      checkExclusive(input, 'team_id', 'integration_team_id', fields)
      return
    }
    case 'userhub.portal':
      checkUrl(input, 'portal_url', fields, true)
      checkUrl(input, 'return_url', fields, false)
      checkUrl(input, 'success_url', fields, false)
      checkId(input, 'organization_id', fields)
      return
  }
}

/** Why a `subject` from elsewhere than a target (a query string) breaks the rules of a target's, or null. */
export function subjectProblem(subject: string): string | null {
  const fields: Fields = []
  checkId({ subject }, 'subject', fields)
  return fields[0]?.message ?? null
}

/**
 * Checks an untrusted value against the `Target` wire format: known kind, known keys only, every field
 * of the right type and format; an optional field is left out, never `null`. Returns a copy without
 * `undefined` fields, its absolute URLs normalised as the parser read them, so that what was checked is
 * what is forwarded.
 */
export function validateTarget(input: unknown): TargetValidation {
  if (!isRecord(input)) return { ok: false, fields: [{ path: '', message: 'target must be an object' }] }
  const kind = input.kind
  if (typeof kind !== 'string' || !Object.hasOwn(TARGET_FIELDS, kind)) {
    const kinds = Object.keys(TARGET_FIELDS).map((k) => `"${k}"`)
    return { ok: false, fields: [{ path: 'kind', message: `must be one of ${kinds.join(', ')}` }] }
  }
  const allowed = TARGET_FIELDS[kind as TargetKind]
  const fields: Fields = []
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) fields.push({ path: key, message: 'is not a field of this target' })
  }
  validateByKind(kind as TargetKind, input, fields)
  if (fields.length > 0) return { ok: false, fields }
  const target: Rec = {}
  for (const key of allowed) if (present(input, key)) target[key] = input[key]
  if (kind === 'userhub.portal') {
    for (const key of URL_FIELDS) {
      const value = target[key]
      if (typeof value === 'string' && !value.startsWith('/')) target[key] = new URL(value).href
    }
  }
  return { ok: true, target: target as unknown as Target }
}
