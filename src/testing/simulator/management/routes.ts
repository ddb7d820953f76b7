import { type ApiHandler, issueSignedUrl, type SimulatorContext } from '../context.js'
import { isComplete } from '../junction/demographics.js'
import { statedExpiresIn } from '../options.js'
import { json } from '../responses.js'
import { fastApiDispatch, type Route } from '../routing.js'
import type { JunctionDashboardClaims } from '../types.js'
import { Issues, optional, type Rec, readModelBody, validationError } from '../validation.js'

type DashboardBody = Omit<JunctionDashboardClaims, 'kind' | 'org_id' | 'messages'>

/** Checks `CreateDashboardURLBody`: field types first, then (like a pydantic model validator) the id pairs. */
function checkDashboardBody(issues: Issues, body: Rec): DashboardBody | undefined {
  const uuidOrNull = (key: string) => {
    const value = optional(body, key)
    return value === undefined ? null : (issues.uuid(value, ['body', key]) ?? null)
  }
  const idOrNull = (key: string) => {
    const value = optional(body, key)
    return value === undefined ? null : (issues.string(value, ['body', key], { maxLength: 256 }) ?? null)
  }
  const member_id = uuidOrNull('member_id')
  const integration_member_id = idOrNull('integration_member_id')
  const team_id = uuidOrNull('team_id')
  const integration_team_id = idOrNull('integration_team_id')
  const rawFeature = issues.present(body, 'feature', ['body'])
  const feature = rawFeature === undefined ? undefined : issues.string(rawFeature, ['body', 'feature'])
  const rawModality = issues.present(body, 'modality', ['body'])
  const modality =
    rawModality === undefined
      ? undefined
      : issues.enumValue(rawModality, ['body', 'modality'], ['feature_embed', 'link_out'] as const)
  const rawEnvironment = issues.present(body, 'environment', ['body'])
  const environment =
    rawEnvironment === undefined
      ? undefined
      : issues.enumValue(rawEnvironment, ['body', 'environment'], ['production', 'sandbox'] as const)
  if (!issues.ok || feature === undefined || modality === undefined || environment === undefined) return undefined

  if (member_id !== null && integration_member_id !== null) {
    issues.valueError(['body'], 'member_id and integration_member_id are mutually exclusive', body)
  }
  if (team_id !== null && integration_team_id !== null) {
    issues.valueError(['body'], 'team_id and integration_team_id are mutually exclusive', body)
  }
  if (!issues.ok) return undefined
  return { member_id, integration_member_id, team_id, integration_team_id, feature, modality, environment }
}

/** With `dashboardIdPairs: 'required'`: one id of each pair, as a model validator would say it. */
function checkPairsPresent(issues: Issues, body: DashboardBody): void {
  if (body.member_id === null && body.integration_member_id === null) {
    issues.valueError(['body'], 'one of member_id or integration_member_id is required', body)
  }
  if (body.team_id === null && body.integration_team_id === null) {
    issues.valueError(['body'], 'one of team_id or integration_team_id is required', body)
  }
}

/** The Junction Management API (header `X-Management-Key`): dashboard URLs for Connect. */
export function managementApi(ctx: SimulatorContext): ApiHandler {
  function integrationTeamUuid(id: string): string {
    const key = `team:${id}`
    let uuid = ctx.store.integrationIds.get(key)
    if (uuid === undefined) {
      uuid = ctx.ids.uuid()
      ctx.store.integrationIds.set(key, uuid)
    }
    return uuid
  }

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: '/v1/org/:org_id/ehr_integration/create_dashboard_url',
      async run(request, params) {
        const issues = new Issues()
        const orgId = issues.uuid(params.org_id ?? '', ['path', 'org_id'])
        const read = await readModelBody(request)
        if ('response' in read) return read.response
        const body = checkDashboardBody(issues, read.body)
        if (body && ctx.config.unpublished.dashboardIdPairs === 'required') checkPairsPresent(issues, body)
        if (!issues.ok || body === undefined || orgId === undefined) return validationError(issues.list)
        if (orgId !== ctx.config.orgId) return json({ detail: 'Organization not found.' }, 404)

        const patient = /^order_creation:(.+)$/.exec(body.feature)?.[1]
        if (patient !== undefined) {
          const known = ctx.store.junctionUsers.get(patient.toLowerCase())
          if (!known || !isComplete(ctx.store.demographics.get(known.user_id))) {
            issues.valueError(
              ['body', 'feature'],
              `user ${patient} does not exist or has no demographics; order_creation needs both`,
              body.feature,
            )
            return validationError(issues.list)
          }
        }
        const teamId =
          body.team_id ??
          (body.integration_team_id === null ? ctx.config.teamId : integrationTeamUuid(body.integration_team_id))
        const patientId = patient?.toLowerCase() ?? null
        const claims: JunctionDashboardClaims = {
          kind: 'junction.dashboard',
          org_id: orgId,
          ...body,
          messages: {
            created: { order_id: ctx.ids.uuid(), user_id: patientId ?? ctx.ids.uuid(), team_id: teamId },
            cancelled: { user_id: patientId, team_id: teamId },
          },
        }
        const expiresIn = ctx.config.expiresIn.dashboard
        const url = await issueSignedUrl(ctx, claims, expiresIn)
        return json({ url, expires_in: statedExpiresIn(ctx.config, expiresIn) })
      },
    },
  ]

  return fastApiDispatch(ctx.config, routes, (request) => {
    const key = request.headers.get('x-management-key')
    if (key === null || key === '') {
      const teamKey = request.headers.has('x-vital-api-key')
      return json(
        {
          detail: teamKey
            ? 'This endpoint accepts only a Management Key (X-Management-Key); a Team API Key is not accepted.'
            : 'Missing Management Key. Send it in the X-Management-Key header.',
        },
        401,
      )
    }
    return key === ctx.config.keys.management ? null : json({ detail: 'Invalid Management Key.' }, 401)
  })
}
