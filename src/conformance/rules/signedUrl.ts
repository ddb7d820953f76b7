import type { TargetKind } from '../../core/target.js'
import { check, type Rule, RuleFailure, SAMPLE_TARGETS, sameOrigin } from '../rule.js'
import { describe, MAX_CLICK_EXPIRES_IN_S, MAX_EXPIRES_IN_S, signedUrlProblem } from '../shapes.js'

/** `POST /signed-url` for a sample target of `kind`: one of the two success shapes, seconds, `no-store`. */
export function signedUrlRule(kind: TargetKind): Rule {
  return {
    id: `signed-url.${kind}`,
    async run(context) {
      const answer = await context.send({
        method: 'POST',
        path: '/signed-url',
        json: { target: SAMPLE_TARGETS[kind] },
        headers: sameOrigin(context),
      })
      // The sample targets are for an immediate click (`launch`, a dashboard): they live minutes.
      const maxExpiresIn = kind === 'userhub.portal' ? MAX_EXPIRES_IN_S : MAX_CLICK_EXPIRES_IN_S
      check(signedUrlProblem(answer, kind === 'userhub.portal', maxExpiresIn))
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
