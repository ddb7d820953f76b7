import type { Answer, ProbeRequest } from './probe.js'
import type { RunScope } from './rule.js'
import { isRecord } from './shapes.js'

/** What the check sent and got during one rule. */
export type Exchange = { request: ProbeRequest; answer: Answer }

/**
 * For a failed rule, what to change when the cause is likely the command line or the test user rather
 * than the endpoint; undefined when nothing points there.
 */
export function hintFor(exchanges: readonly Exchange[], scope: RunScope, origin: string): string | undefined {
  const code = (answer: Answer) => (isRecord(answer.json) ? answer.json.error : undefined)
  if (exchanges.some(({ answer }) => answer.status === 401)) {
    return 'the endpoint answered 401 (nobody signed in): pass a test user\'s session, --header "Cookie: session=…" or --header "Authorization: Bearer …"'
  }
  const refusedOwnOrigin = exchanges.some(
    ({ request, answer }) =>
      answer.status === 403 &&
      request.headers?.origin === origin &&
      isRecord(answer.json) &&
      typeof answer.json.message === 'string' &&
      /origin|cross-site/i.test(answer.json.message),
  )
  if (refusedOwnOrigin) {
    return `the endpoint refused the Origin the check sends, ${origin}, as another site's: point --endpoint at the URL browsers use (through your proxy), or pass --origin with the origin of the page that calls it`
  }
  if (!scope.demographics && exchanges.some(({ answer }) => code(answer) === 'demographics_required')) {
    return "the test user's demographics are incomplete, and --skip-demographics keeps the check from completing them: sign in a user whose demographics are complete, or drop --skip-demographics"
  }
  return undefined
}
