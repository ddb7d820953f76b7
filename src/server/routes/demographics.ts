import { missingDemographics } from '../../core/demographics.js'
import { decide } from '../authorize.js'
import { type HandlerContext, junctionUserId, notConfigured, readBody } from '../context.js'
import { documentedDemographics } from '../demographicsBody.js'
import { json, WireError } from '../http.js'
import { subjectProblem } from '../targetValidation.js'

/** `?subject=`, held to the rules of a target's `subject` before anyone sees it. */
function subjectOf(request: Request): string | undefined {
  const subject = new URL(request.url).searchParams.get('subject')
  if (subject === null || subject === '') return undefined
  const problem = subjectProblem(subject)
  if (problem)
    throw new WireError(422, 'validation_error', 'The request is invalid.', {
      fields: [{ path: 'subject', message: problem }],
    })
  return subject
}

/** `GET {basePath}/demographics[?subject=]`: `{"demographics", "missing"}`. */
export async function readDemographicsRoute(context: HandlerContext, request: Request): Promise<Response> {
  const junction = context.junction
  if (!junction) throw notConfigured('Junction')
  const user = await decide(context, request, { type: 'demographics.read', subject: subjectOf(request) })
  const userId = await junctionUserId(context, user, request.signal)
  const demographics = await junction.getDemographics(userId, request.signal)
  return json({ demographics, missing: missingDemographics(demographics) })
}

/**
 * `PUT {basePath}/demographics[?subject=]` with the full object: its documented fields saved, then read
 * back as above. The body is read only once the caller is known and allowed.
 */
export async function saveDemographicsRoute(context: HandlerContext, request: Request): Promise<Response> {
  const junction = context.junction
  if (!junction) throw notConfigured('Junction')
  const user = await decide(context, request, { type: 'demographics.write', subject: subjectOf(request) })
  const body = await readBody(context, request)
  const userId = await junctionUserId(context, user, request.signal)
  const saved = await junction.saveDemographics(userId, documentedDemographics(body), request.signal)
  return json({ demographics: saved, missing: missingDemographics(saved) })
}
