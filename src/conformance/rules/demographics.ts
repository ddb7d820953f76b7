import { REQUIRED_DEMOGRAPHIC_FIELDS } from '../../core/demographics.js'
import { SAMPLE_DEMOGRAPHICS } from '../../testing/simulator/seed.js'
import { check, NotApplicable, type Rule, RuleFailure, SAMPLE_TARGETS, sameOrigin } from '../rule.js'
import { demographicsProblem, describe, fieldProblem, isRecord, wireErrorProblem } from '../shapes.js'

const REQUIRED = REQUIRED_DEMOGRAPHIC_FIELDS as readonly string[]

export const readDemographics: Rule = {
  id: 'demographics.read',
  async run(context) {
    const answer = await context.send({ method: 'GET', path: '/demographics' })
    check(demographicsProblem(answer))
    const missing = (answer.json as { missing: string[] }).missing
    const unknown = missing.filter((path) => !REQUIRED.includes(path))
    if (unknown.length > 0) throw new RuleFailure(`"missing" names fields that are not required: ${unknown.join(', ')}`)
    context.missingAtStart = missing
    return `200, ${missing.length} field(s) missing`
  },
}

/** The portal for a user whose demographics are incomplete: `422 demographics_required`, `missing` listing them. */
export const demographicsRequired: Rule = {
  id: 'demographics.required',
  async run(context) {
    const before = context.missingAtStart
    if (before === undefined) throw new NotApplicable('not checked: the read of the demographics failed')
    if (before.length === 0) {
      throw new NotApplicable(
        "not checked: the test user's demographics were complete already (a fresh user shows this rule)",
      )
    }
    const answer = await context.send({
      method: 'POST',
      path: '/signed-url',
      json: { target: SAMPLE_TARGETS['junction.user_portal'] },
      headers: sameOrigin(context),
    })
    check(wireErrorProblem(answer, 422, 'demographics_required'))
    const missing = isRecord(answer.json) ? answer.json.missing : undefined
    if (!Array.isArray(missing) || !missing.every((path) => typeof path === 'string')) {
      throw new RuleFailure(`expected "missing": [the required fields still absent], saw ${describe(answer)}`)
    }
    const expected = [...before].sort().join(', ')
    if ([...missing].sort().join(', ') !== expected) {
      throw new RuleFailure(
        `expected "missing" to list what GET /demographics said was missing (${expected}), saw ${missing.join(', ')}`,
      )
    }
    return `422 demographics_required, "missing": ${missing.length} field(s), as the read said`
  },
}

export const saveDemographics: Rule = {
  id: 'demographics.save',
  async run(context) {
    const saved = await context.send({
      method: 'PUT',
      path: '/demographics',
      json: SAMPLE_DEMOGRAPHICS,
      headers: sameOrigin(context),
    })
    check(demographicsProblem(saved))
    const answered = (saved.json as { missing: string[] }).missing
    const after = await context.send({ method: 'GET', path: '/demographics' })
    check(demographicsProblem(after))
    const { demographics, missing } = after.json as { demographics: unknown; missing: string[] }
    if (missing.length === 0 && answered.length === 0) return '200, and a read then finds nothing missing'
    const before = context.missingAtStart ?? []
    const unchanged =
      demographics === null || (before.length > 0 && [...missing].sort().join() === [...before].sort().join())
    if (unchanged) {
      throw new RuleFailure(
        `PUT /demographics answered 200 but saved nothing: a read then still finds missing ${missing.join(', ')}`,
      )
    }
    if (answered.length > 0) {
      throw new RuleFailure(`PUT /demographics with every field answered "missing": ${answered.join(', ')}`)
    }
    throw new RuleFailure(`PUT /demographics saved only part: a read then finds missing ${missing.join(', ')}`)
  },
}

/** `?subject=` is held to a target's `subject` rules before anyone is asked who calls. */
export const demographicsSubject: Rule = {
  id: 'demographics.subject',
  async run(context) {
    const answer = await context.send({ method: 'GET', path: '/demographics?subject=conformance%01subject' })
    check(fieldProblem(answer, 'subject'))
    return `${describe(answer)} for a subject with a control character`
  },
}
