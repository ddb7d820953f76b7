import { check, firstTarget, NotApplicable, OPTIONAL_FIELDS, type Rule, RuleFailure, sameOrigin } from '../rule.js'
import { describe, fieldProblem, isRecord, wireErrorProblem } from '../shapes.js'

// The rules of a request body, each on `POST /signed-url`: its body is read before anyone is asked who calls.

/** The largest body `POST /signed-url` accepts. */
const LIMIT = 16 * 1024
const JSON_TYPE = { 'content-type': 'application/json' }

/** A rule that one request must be refused with this status and wire error code. */
function refusalRule(
  id: string,
  status: number,
  code: string,
  body: string | Uint8Array<ArrayBuffer>,
  type: Record<string, string> = JSON_TYPE,
): Rule {
  return {
    id,
    async run(context) {
      const answer = await context.send({
        method: 'POST',
        path: '/signed-url',
        raw: body,
        headers: { ...sameOrigin(context), ...type },
      })
      check(wireErrorProblem(answer, status, code))
      return describe(answer)
    },
  }
}

export const invalidTarget: Rule = {
  id: 'errors.invalid-target',
  async run(context) {
    const answer = await context.send({
      method: 'POST',
      path: '/signed-url',
      json: { target: { kind: 'conformance.unknown' } },
      headers: sameOrigin(context),
    })
    check(wireErrorProblem(answer, 422, 'validation_error'))
    const fields = (answer.json as { fields?: unknown }).fields
    const valid =
      Array.isArray(fields) &&
      fields.length > 0 &&
      fields.every((f) => isRecord(f) && typeof f.path === 'string' && typeof f.message === 'string')
    if (!valid)
      throw new RuleFailure(`expected "fields": [{"path": "target.kind", "message"}], saw ${describe(answer)}`)
    return describe(answer)
  },
}

export const nullField: Rule = {
  id: 'errors.null-field',
  async run(context) {
    const { kind, target } = firstTarget(context)
    const field = OPTIONAL_FIELDS[kind]
    const answer = await context.send({
      method: 'POST',
      path: '/signed-url',
      json: { target: { ...target, [field]: null } },
      headers: sameOrigin(context),
    })
    check(fieldProblem(answer, `target.${field}`))
    return `422 naming target.${field} for "${field}": null`
  },
}

export const unknownMember: Rule = {
  id: 'errors.unknown-member',
  async run(context) {
    const { target } = firstTarget(context)
    const send = (json: unknown) =>
      context.send({ method: 'POST', path: '/signed-url', json, headers: sameOrigin(context) })
    check(fieldProblem(await send({ target, conformance: true }), 'conformance'))
    check(fieldProblem(await send({ target: { ...target, conformance: 'x' } }), 'target.conformance'))
    return '422 naming conformance beside target, and target.conformance inside it'
  },
}

export const invalidJson = refusalRule('errors.invalid-json', 400, 'validation_error', '{"target": {"kind": ')

// "{"target": "\xff"}": a byte that is no UTF-8, which a lenient decoder turns into U+FFFD.
export const invalidUtf8 = refusalRule(
  'errors.not-utf8',
  400,
  'validation_error',
  new Uint8Array([...new TextEncoder().encode('{"target": "'), 0xff, ...new TextEncoder().encode('"}')]),
)

export const notAnObject: Rule = {
  id: 'errors.not-object',
  async run(context) {
    for (const body of ['[]', '"target"', 'null', '42']) {
      const answer = await context.send({
        method: 'POST',
        path: '/signed-url',
        raw: body,
        headers: { ...sameOrigin(context), ...JSON_TYPE },
      })
      const problem = wireErrorProblem(answer, 422, 'validation_error')
      if (problem) throw new RuleFailure(`for the body ${body}: ${problem}`)
    }
    return '422 validation_error for [], "target", null and 42'
  },
}

// A text/plain POST needs no CORS preflight: accepting one would let any site's form post here.
export const contentType = refusalRule(
  'errors.content-type',
  415,
  'validation_error',
  JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch' } }),
  { 'content-type': 'text/plain' },
)

/** A JSON object of exactly `size` bytes: `{"target": {…}, "padding": "xxx…"}`. */
function paddedBody(size: number): Uint8Array<ArrayBuffer> {
  const start = '{"target": {"kind": "junction.user_portal", "context": "launch"}, "padding": "'
  return new TextEncoder().encode(`${start}${'x'.repeat(size - start.length - 2)}"}`)
}

export const tooLarge: Rule = {
  id: 'errors.too-large',
  async run(context) {
    const body = paddedBody(LIMIT + 1)
    const headers = { ...sameOrigin(context), ...JSON_TYPE }
    const declared = await context.send({ method: 'POST', path: '/signed-url', raw: body, headers })
    const declaredProblem = wireErrorProblem(declared, 413, 'validation_error')
    if (declaredProblem) throw new RuleFailure(`with Content-Length: ${body.length}: ${declaredProblem}`)
    const pieces = [body.subarray(0, 8192), body.subarray(8192)]
    const chunked = await context.send({ method: 'POST', path: '/signed-url', chunked: { chunks: pieces }, headers })
    const chunkedProblem = wireErrorProblem(chunked, 413, 'validation_error')
    if (chunkedProblem) throw new RuleFailure(`sent chunked, without Content-Length: ${chunkedProblem}`)
    return `413 for ${body.length} bytes, with Content-Length and chunked`
  },
}

export const slowBody: Rule = {
  id: 'errors.slow-body',
  async run(context) {
    if (!context.scope.slow) throw new NotApplicable('not checked: it waits 10 s for a 408 (pass --slow)')
    const answer = await context.send({
      method: 'POST',
      path: '/signed-url',
      chunked: { chunks: [new TextEncoder().encode('{"target": ')], stall: true },
      headers: { ...sameOrigin(context), ...JSON_TYPE },
    })
    check(wireErrorProblem(answer, 408, 'timeout'))
    return `${describe(answer)} after ${Math.round(answer.ms)} ms for a body that never finished`
  },
}
