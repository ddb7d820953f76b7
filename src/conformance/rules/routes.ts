import { CROSS_SITE, check, NotApplicable, type Rule, RuleFailure } from '../rule.js'
import { describe, isRecord, wireErrorProblem } from '../shapes.js'

export const unknownRoute: Rule = {
  id: 'errors.unknown-route',
  async run(context) {
    const answer = await context.send({ method: 'GET', path: '/conformance-unknown-route' })
    check(wireErrorProblem(answer, 404, 'not_found'))
    return describe(answer)
  },
}

export const wrongMethod: Rule = {
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

/** `HEAD` and `OPTIONS` are served by no route: no CORS, so a preflight is refused too. */
export const headAndOptions: Rule = {
  id: 'errors.head-options',
  async run(context) {
    const head = await context.send({ method: 'HEAD', path: '/signed-url' })
    if (head.status !== 405) throw new RuleFailure(`expected 405 for HEAD /signed-url, saw ${describe(head)}`)
    const preflight = await context.send({
      method: 'OPTIONS',
      path: '/signed-url',
      headers: { ...CROSS_SITE, 'access-control-request-method': 'POST' },
    })
    const problem = wireErrorProblem(preflight, 405, 'validation_error')
    if (problem) throw new RuleFailure(`for OPTIONS /signed-url (a CORS preflight): ${problem}`)
    const allowOrigin = preflight.headers.get('access-control-allow-origin')
    if (allowOrigin !== null) {
      throw new RuleFailure(`expected no CORS headers, saw Access-Control-Allow-Origin: ${JSON.stringify(allowOrigin)}`)
    }
    return '405 for HEAD /signed-url and for a CORS preflight of it, with no CORS headers'
  },
}

/** An id in the path that is no id (an encoded `/`, a dot segment): 400, before anything else is asked. */
export const pathIds: Rule = {
  id: 'errors.path-id',
  async run(context) {
    const valid = await context.send({ method: 'GET', path: '/portals/conformance-portal/users' })
    if (valid.status === 404) {
      throw new NotApplicable('not checked: the endpoint serves no portal administration (404 for a valid id)')
    }
    // Not a bad `%` escape: some HTTP stacks refuse it before any handler runs, and no client sends one.
    for (const id of ['a%2Fb', 'a%20b', '%00', '..%2F..']) {
      const answer = await context.send({ method: 'GET', path: `/portals/${id}/users` })
      const problem = wireErrorProblem(answer, 400, 'validation_error')
      if (problem) throw new RuleFailure(`for the portal id ${id}: ${problem}`)
    }
    return '400 validation_error for the ids a%2Fb, a%20b, %00 and ..%2F..'
  },
}
