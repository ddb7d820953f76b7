import { json, readJson } from './responses.js'

/** One item of a FastAPI/pydantic 422 `detail` array. */
export interface ValidationIssue {
  type: string
  loc: (string | number)[]
  msg: string
  input?: unknown
  ctx?: Record<string, unknown>
}

export type Loc = readonly (string | number)[]
export type Rec = Record<string, unknown>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `422 {"detail": [...]}`, as FastAPI answers a request that fails validation. */
export function validationError(issues: readonly ValidationIssue[]): Response {
  return json({ detail: issues }, 422)
}

/** Reads a required JSON object body, or returns the 422 FastAPI would give instead. */
export async function readModelBody(request: Request): Promise<{ body: Rec } | { response: Response }> {
  const parsed = await readJson(request)
  if (parsed.kind === 'empty') {
    return { response: validationError([{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }]) }
  }
  if (parsed.kind === 'invalid') {
    return {
      response: validationError([
        {
          type: 'json_invalid',
          loc: ['body', 0],
          msg: 'JSON decode error',
          input: {},
          ctx: { error: 'Expecting value' },
        },
      ]),
    }
  }
  if (!isRecord(parsed.value)) {
    return {
      response: validationError([
        {
          type: 'model_attributes_type',
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          input: parsed.value,
        },
      ]),
    }
  }
  return { body: parsed.value }
}

/** Collects pydantic-style issues while a body is checked field by field. */
export class Issues {
  readonly list: ValidationIssue[] = []

  get ok(): boolean {
    return this.list.length === 0
  }

  add(issue: ValidationIssue): void {
    this.list.push(issue)
  }

  /** The value of a field that must be present; records `missing` otherwise. */
  present(parent: Rec, key: string, loc: Loc): unknown {
    if (!(key in parent) || parent[key] === undefined) {
      this.add({ type: 'missing', loc: [...loc, key], msg: 'Field required', input: parent })
      return undefined
    }
    return parent[key]
  }

  string(value: unknown, loc: Loc, rules: { minLength?: number; maxLength?: number; pattern?: RegExp } = {}) {
    if (typeof value !== 'string') {
      this.add({ type: 'string_type', loc: [...loc], msg: 'Input should be a valid string', input: value })
      return undefined
    }
    if (rules.minLength !== undefined && value.length < rules.minLength) {
      const s = rules.minLength === 1 ? '' : 's'
      this.add({
        type: 'string_too_short',
        loc: [...loc],
        msg: `String should have at least ${rules.minLength} character${s}`,
        input: value,
        ctx: { min_length: rules.minLength },
      })
      return undefined
    }
    if (rules.maxLength !== undefined && value.length > rules.maxLength) {
      this.add({
        type: 'string_too_long',
        loc: [...loc],
        msg: `String should have at most ${rules.maxLength} characters`,
        input: value,
        ctx: { max_length: rules.maxLength },
      })
      return undefined
    }
    if (rules.pattern && !rules.pattern.test(value)) {
      const pattern = rules.pattern.source
      this.add({
        type: 'string_pattern_mismatch',
        loc: [...loc],
        msg: `String should match pattern '${pattern}'`,
        input: value,
        ctx: { pattern },
      })
      return undefined
    }
    return value
  }

  uuid(value: unknown, loc: Loc): string | undefined {
    if (typeof value !== 'string') {
      this.add({
        type: 'uuid_type',
        loc: [...loc],
        msg: 'UUID input should be a string, bytes or UUID object',
        input: value,
      })
      return undefined
    }
    if (!UUID.test(value)) {
      this.add({
        type: 'uuid_parsing',
        loc: [...loc],
        msg: 'Input should be a valid UUID, invalid character or length',
        input: value,
      })
      return undefined
    }
    return value.toLowerCase()
  }

  enumValue<T extends string>(value: unknown, loc: Loc, allowed: readonly T[]): T | undefined {
    const found = allowed.find((option) => option === value)
    if (found !== undefined) return found
    const quoted = allowed.map((option) => `'${option}'`)
    const expected = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : (quoted[0] ?? '')
    this.add({ type: 'enum', loc: [...loc], msg: `Input should be ${expected}`, input: value, ctx: { expected } })
    return undefined
  }

  /** A `YYYY-MM-DD` calendar date. */
  date(value: unknown, loc: Loc): string | undefined {
    const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null
    const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0]
    const date = new Date(Date.UTC(year, month - 1, day))
    const real = match !== null && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    if (!real || typeof value !== 'string') {
      this.add({
        type: 'date_from_datetime_parsing',
        loc: [...loc],
        msg: 'Input should be a valid date or datetime, expected YYYY-MM-DD',
        input: value,
        ctx: { error: 'expected YYYY-MM-DD' },
      })
      return undefined
    }
    return value
  }

  integer(value: unknown, loc: Loc): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add({ type: 'int_type', loc: [...loc], msg: 'Input should be a valid integer', input: value })
      return undefined
    }
    return value
  }

  /** A nested object (`className` names it in the message, as pydantic does). */
  model(value: unknown, loc: Loc, className: string): Rec | undefined {
    if (!isRecord(value)) {
      this.add({
        type: 'model_type',
        loc: [...loc],
        msg: `Input should be a valid dictionary or instance of ${className}`,
        input: value,
        ctx: { class_name: className },
      })
      return undefined
    }
    return value
  }

  valueError(loc: Loc, message: string, input: unknown): void {
    this.add({ type: 'value_error', loc: [...loc], msg: `Value error, ${message}`, input, ctx: { error: {} } })
  }
}

/** The field when present and not null; `undefined` means "absent or null" (both allowed for optional fields). */
export function optional(parent: Rec, key: string): unknown {
  const value = parent[key]
  return value === null ? undefined : value
}
