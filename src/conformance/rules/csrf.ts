import { SAMPLE_DEMOGRAPHICS } from '../../testing/simulator/seed.js'
import { CROSS_SITE, check, firstTarget, type Rule, RuleFailure } from '../rule.js'
import { demographicsProblem, wireErrorProblem } from '../shapes.js'

export const crossSiteSignedUrl: Rule = {
  id: 'csrf.signed-url',
  async run(context) {
    const request = { method: 'POST', path: '/signed-url', json: { target: firstTarget(context).target } }
    const refusals: [string, Record<string, string>][] = [
      [`Origin ${CROSS_SITE.origin}`, CROSS_SITE],
      ['Origin: null (a sandboxed frame)', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
      ['Sec-Fetch-Site: cross-site without Origin', { 'sec-fetch-site': 'cross-site' }],
      ['Sec-Fetch-Site: same-site without Origin', { 'sec-fetch-site': 'same-site' }],
    ]
    for (const [what, headers] of refusals) {
      const problem = wireErrorProblem(await context.send({ ...request, headers }), 403, 'forbidden')
      if (problem) throw new RuleFailure(`for ${what}: ${problem}`)
    }
    return `403 for ${refusals.map(([what]) => what).join('; ')}`
  },
}

export const crossSiteDemographics: Rule = {
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
