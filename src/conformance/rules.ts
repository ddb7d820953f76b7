import { REQUIRED_DEMOGRAPHIC_FIELDS } from '../core/demographics.js'
import type { TargetKind } from '../core/target.js'
import { SAMPLE_DEMOGRAPHICS } from '../testing/simulator/seed.js'
import type { Answer, ProbeLog, ProbeRequest, ProbeSettings } from './probe.js'
import { demographicsProblem, describe, isRecord, redact, signedUrlProblem, wireErrorProblem } from './shapes.js'

/** A rule's verdict: what it checked, and what it saw. */
export interface RuleResult {
  rule: string
  passed: boolean
  /** What the endpoint answered, in a few words (URLs cut to their origin); for a failure, what was expected too. */
  saw: string
}

/** A rule the endpoint broke: its message says what was expected and what came instead. */
export class RuleFailure extends Error {
  override readonly name = 'RuleFailure'
}

export interface RuleContext {
  settings: ProbeSettings
  log: ProbeLog
  /** Every URL handed out so far: none may show up in an error message. */
  issued: string[]
  send: (request: ProbeRequest) => Promise<Answer>
}

export interface Rule {
  id: string
  /** Checks, and returns what it saw; throws `RuleFailure` (or `NoAnswer`) when the endpoint breaks it. */
  run: (context: RuleContext) => Promise<string>
}

/** A target of each kind, as simple as the kind allows: what a host that supports it must sign. */
const SAMPLE_TARGETS: Record<TargetKind, Record<string, string>> = {
  'junction.user_portal': { kind: 'junction.user_portal', context: 'launch' },
  'junction.dashboard': {
    kind: 'junction.dashboard',
    feature: 'order_creation',
    modality: 'feature_embed',
    environment: 'sandbox',
  },
  'userhub.portal': { kind: 'userhub.portal' },
}

const CROSS_SITE = { origin: 'https://cross-site.conformance.invalid', 'sec-fetch-site': 'cross-site' }

function check(problem: string | null): void {
  if (problem !== null) throw new RuleFailure(problem)
}

/** The headers a browser sends with a write from the endpoint's own page. */
function sameOrigin(context: RuleContext): Record<string, string> {
  return { origin: new URL(context.settings.endpoint).origin, 'sec-fetch-site': 'same-origin' }
}

function signedUrlRule(kind: TargetKind): Rule {
  return {
    id: `signed-url.${kind}`,
    async run(context) {
      const answer = await context.send({
        method: 'POST',
        path: '/signed-url',
        json: { target: SAMPLE_TARGETS[kind] },
        headers: sameOrigin(context),
      })
      check(signedUrlProblem(answer, kind === 'userhub.portal'))
      const body = answer.json as { url?: string; redirectUrl?: string }
      const url = body.url ?? body.redirectUrl ?? ''
      context.issued.push(url)
      const cache = answer.headers.get('cache-control') ?? ''
      if (!/no-store/i.test(cache)) {
        throw new RuleFailure(
          `expected Cache-Control: no-store on a signed URL, saw ${JSON.stringify(cache || 'none')}`,
        )
      }
      return describe(answer)
    },
  }
}

const readDemographics: Rule = {
  id: 'demographics.read',
  async run(context) {
    const answer = await context.send({ method: 'GET', path: '/demographics' })
    check(demographicsProblem(answer))
    const missing = (answer.json as { missing: string[] }).missing
    const unknown = missing.filter((path) => !(REQUIRED_DEMOGRAPHIC_FIELDS as readonly string[]).includes(path))
    if (unknown.length > 0) throw new RuleFailure(`"missing" names fields that are not required: ${unknown.join(', ')}`)
    return `200, ${missing.length} field(s) missing`
  },
}

const saveDemographics: Rule = {
  id: 'demographics.save',
  async run(context) {
    const saved = await context.send({
      method: 'PUT',
      path: '/demographics',
      json: SAMPLE_DEMOGRAPHICS,
      headers: sameOrigin(context),
    })
    check(demographicsProblem(saved))
    const after = await context.send({ method: 'GET', path: '/demographics' })
    check(demographicsProblem(after))
    const missing = (after.json as { missing: string[] }).missing
    if (missing.length > 0) {
      throw new RuleFailure(`complete demographics were saved, but a read then says missing: ${missing.join(', ')}`)
    }
    return '200, and a read then finds nothing missing'
  },
}

const invalidTarget: Rule = {
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

/** A rule that one request must be refused with this status and wire error code. */
function refusalRule(id: string, status: number, code: string, request: (context: RuleContext) => ProbeRequest): Rule {
  return {
    id,
    async run(context) {
      const answer = await context.send(request(context))
      check(wireErrorProblem(answer, status, code))
      return describe(answer)
    },
  }
}

const invalidJson = refusalRule('errors.invalid-json', 400, 'validation_error', (context) => ({
  method: 'POST',
  path: '/signed-url',
  raw: '{"target": {"kind": ',
  headers: { ...sameOrigin(context), 'content-type': 'application/json' },
}))

// A text/plain POST needs no CORS preflight: accepting one would let any site's form post here.
const contentType = refusalRule('errors.content-type', 415, 'validation_error', (context) => ({
  method: 'POST',
  path: '/signed-url',
  raw: JSON.stringify({ target: SAMPLE_TARGETS['junction.user_portal'] }),
  headers: { ...sameOrigin(context), 'content-type': 'text/plain' },
}))

const unknownRoute = refusalRule('errors.unknown-route', 404, 'not_found', () => ({
  method: 'GET',
  path: '/conformance-unknown-route',
}))

const wrongMethod: Rule = {
  id: 'errors.method',
  async run(context) {
    const answer = await context.send({ method: 'GET', path: '/signed-url' })
    if (answer.status !== 405 || !isRecord(answer.json) || typeof answer.json.error !== 'string') {
      throw new RuleFailure(`expected 405 with a JSON error body, saw ${describe(answer)}`)
    }
    const allow = answer.headers.get('allow') ?? ''
    if (!/\bPOST\b/i.test(allow)) throw new RuleFailure(`expected Allow: POST, saw ${JSON.stringify(allow || 'none')}`)
    return `${describe(answer)}, Allow: ${allow}`
  },
}

const crossSiteSignedUrl: Rule = {
  id: 'csrf.signed-url',
  async run(context) {
    const request = { method: 'POST', path: '/signed-url', json: { target: SAMPLE_TARGETS['junction.user_portal'] } }
    const withOrigin = await context.send({ ...request, headers: CROSS_SITE })
    check(wireErrorProblem(withOrigin, 403, 'forbidden'))
    const withoutOrigin = await context.send({ ...request, headers: { 'sec-fetch-site': 'cross-site' } })
    check(wireErrorProblem(withoutOrigin, 403, 'forbidden'))
    return `403 for Origin ${CROSS_SITE.origin}, and for Sec-Fetch-Site: cross-site without Origin`
  },
}

const crossSiteDemographics: Rule = {
  id: 'csrf.demographics',
  async run(context) {
    const forged = { ...SAMPLE_DEMOGRAPHICS, first_name: 'Forged' }
    const answer = await context.send({ method: 'PUT', path: '/demographics', json: forged, headers: CROSS_SITE })
    check(wireErrorProblem(answer, 403, 'forbidden'))
    const after = await context.send({ method: 'GET', path: '/demographics' })
    check(demographicsProblem(after))
    const onFile = (after.json as { demographics: Record<string, unknown> | null }).demographics
    if (onFile?.first_name === forged.first_name) throw new RuleFailure('the cross-site write was refused, yet saved')
    return `403 for Origin ${CROSS_SITE.origin}, and nothing saved`
  },
}

const KEY_LIKE = [/\b(?:sk|pk|mg|uh|pa)_[A-Za-z0-9_]{6,}/, /\bBearer\s+\S{6,}/i, /x-vital-api-key|x-management-key/i]

const noSecrets: Rule = {
  id: 'messages.no-secrets',
  async run(context) {
    const errors = context.log.answers.filter(({ answer }) => answer.status >= 400)
    for (const { request, answer } of errors) {
      const text = answer.text
      const where = `${request.method} ${request.path} (${answer.status})`
      const leaked = context.issued.find((url) => url !== '' && text.includes(url))
      if (leaked) throw new RuleFailure(`${where} holds a signed URL handed out earlier`)
      for (const match of text.matchAll(/https?:\/\/[^\s"'<>`]+/gi)) {
        if (/[?#]|token=/i.test(match[0])) {
          throw new RuleFailure(`${where} holds a URL with a query, as signed URLs have: ${redact(match[0])}`)
        }
      }
      if (/\btoken=/i.test(text)) throw new RuleFailure(`${where} holds a "token=" parameter`)
      if (KEY_LIKE.some((pattern) => pattern.test(text))) throw new RuleFailure(`${where} holds what looks like a key`)
    }
    return `${errors.length} error answer(s) hold no signed URL, token or key`
  },
}

const withinTimeout: Rule = {
  id: 'answers.within-timeout',
  async run(context) {
    const slowest = context.log.answers.reduce<(typeof context.log.answers)[number] | undefined>(
      (worst, entry) => (worst === undefined || entry.answer.ms > worst.answer.ms ? entry : worst),
      undefined,
    )
    if (!slowest) return 'no answers'
    const ms = Math.round(slowest.answer.ms)
    const where = `${slowest.request.method} ${slowest.request.path}`
    if (slowest.answer.ms > context.settings.timeoutMs) {
      throw new RuleFailure(`${where} took ${ms} ms, over the client's ${context.settings.timeoutMs} ms`)
    }
    return `the slowest, ${where}, took ${ms} ms of ${context.settings.timeoutMs}`
  },
}

/** The rules for a host that supports `targets` (and demographics, unless skipped), in the order they run. */
export function conformanceRules(targets: readonly TargetKind[], demographics: boolean): Rule[] {
  return [
    ...(demographics ? [readDemographics, saveDemographics] : []),
    ...targets.map(signedUrlRule),
    invalidTarget,
    invalidJson,
    contentType,
    unknownRoute,
    wrongMethod,
    crossSiteSignedUrl,
    ...(demographics ? [crossSiteDemographics] : []),
    noSecrets,
    withinTimeout,
  ]
}
