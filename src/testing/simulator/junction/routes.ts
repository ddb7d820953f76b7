import { type ApiHandler, issueSignedUrl, type SimulatorContext } from '../context.js'
import { statedExpiresIn } from '../options.js'
import { json } from '../responses.js'
import { fastApiDispatch, type Route } from '../routing.js'
import { Issues, optional, readModelBody, validationError } from '../validation.js'
import { checkUserInfo, isComplete, storedDemographics, userInfoJson } from './demographics.js'
import { noDemographics } from './noDemographics.js'
import { clientFacingUser, createJunctionUser } from './users.js'

const USER_NOT_FOUND = { detail: 'User not found.' }

/** The Junction API (header `x-vital-api-key`): users, demographics and portal URLs. */
export function junctionApi(ctx: SimulatorContext): ApiHandler {
  /** The user of a `{user_id}` path parameter, or the 422/404 Junction answers instead. */
  function pathUser(userId: string, issues: Issues) {
    const id = issues.uuid(userId, ['path', 'user_id'])
    return id === undefined ? undefined : ctx.store.junctionUsers.get(id)
  }

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: '/v2/user',
      async run(request) {
        const read = await readModelBody(request)
        if ('response' in read) return read.response
        const { body } = read
        const issues = new Issues()
        const presentId = issues.present(body, 'client_user_id', ['body'])
        const clientUserId = presentId === undefined ? undefined : issues.string(presentId, ['body', 'client_user_id'])
        const timeZone = optional(body, 'fallback_time_zone')
        if (timeZone !== undefined) issues.string(timeZone, ['body', 'fallback_time_zone'])
        const dates: Record<string, string | undefined> = {}
        for (const key of ['fallback_birth_date', 'ingestion_start', 'ingestion_end']) {
          const value = optional(body, key)
          if (value !== undefined) dates[key] = issues.date(value, ['body', key])
        }
        if (!issues.ok || clientUserId === undefined) return validationError(issues.list)

        const existingId = ctx.store.junctionUserIds.get(clientUserId)
        const existing = existingId === undefined ? undefined : ctx.store.junctionUsers.get(existingId)
        if (existing) {
          return json(
            {
              detail: {
                error_type: 'INVALID_REQUEST',
                error_message: 'Client user id already exists.',
                user_id: existing.user_id,
                created_on: existing.created_on,
              },
            },
            400,
          )
        }
        const user = createJunctionUser(ctx, {
          client_user_id: clientUserId,
          fallback_time_zone: typeof timeZone === 'string' ? timeZone : null,
          fallback_birth_date: dates.fallback_birth_date,
          ingestion_start: dates.ingestion_start,
          ingestion_end: dates.ingestion_end,
        })
        return json(clientFacingUser(user))
      },
    },
    {
      // `user.getByClientUserId` of Junction's SDK: hosts call it beside the library, to find a user.
      method: 'GET',
      pattern: '/v2/user/resolve/:client_user_id',
      run(_request, params) {
        const userId = ctx.store.junctionUserIds.get(params.client_user_id ?? '')
        const user = userId === undefined ? undefined : ctx.store.junctionUsers.get(userId)
        return user ? json(clientFacingUser(user)) : json(USER_NOT_FOUND, 404)
      },
    },
    {
      // `user.get` of Junction's SDK. Declared after `resolve`, as FastAPI matches routes in order.
      method: 'GET',
      pattern: '/v2/user/:user_id',
      run(_request, params) {
        const issues = new Issues()
        const user = pathUser(params.user_id ?? '', issues)
        if (!issues.ok) return validationError(issues.list)
        return user ? json(clientFacingUser(user)) : json(USER_NOT_FOUND, 404)
      },
    },
    {
      method: 'GET',
      pattern: '/v2/user/:user_id/info/latest',
      run(_request, params) {
        const issues = new Issues()
        const user = pathUser(params.user_id ?? '', issues)
        if (!issues.ok) return validationError(issues.list)
        if (!user) return json(USER_NOT_FOUND, 404)
        const demographics = ctx.store.demographics.get(user.user_id)
        if (!demographics) return noDemographics(ctx.config.unpublished.noDemographics)
        return json(userInfoJson(demographics))
      },
    },
    {
      method: 'PATCH',
      pattern: '/v2/user/:user_id/info',
      async run(request, params) {
        const issues = new Issues()
        const user = pathUser(params.user_id ?? '', issues)
        const read = await readModelBody(request)
        if ('response' in read) return read.response
        checkUserInfo(issues, read.body)
        if (!issues.ok) return validationError(issues.list)
        if (!user) return json(USER_NOT_FOUND, 404)
        const demographics = storedDemographics(read.body)
        ctx.store.demographics.set(user.user_id, demographics)
        return json(userInfoJson(demographics))
      },
    },
    {
      method: 'POST',
      pattern: '/v2/user/:user_id/create_portal_url',
      async run(request, params) {
        const issues = new Issues()
        const user = pathUser(params.user_id ?? '', issues)
        const read = await readModelBody(request)
        if ('response' in read) return read.response
        const presentContext = issues.present(read.body, 'context', ['body'])
        const context =
          presentContext === undefined
            ? undefined
            : issues.enumValue(presentContext, ['body', 'context'], ['launch', 'communications'] as const)
        const rawOrderId = optional(read.body, 'order_id')
        const orderId = rawOrderId === undefined ? null : (issues.uuid(rawOrderId, ['body', 'order_id']) ?? null)
        if (!issues.ok || context === undefined) return validationError(issues.list)
        if (!user) return json(USER_NOT_FOUND, 404)
        if (!isComplete(ctx.store.demographics.get(user.user_id))) {
          return json({ detail: 'User demographics are required to create a portal URL.' }, 422)
        }
        const expiresIn = ctx.config.expiresIn[context]
        const url = await issueSignedUrl(
          ctx,
          { kind: 'junction.portal', user_id: user.user_id, context, order_id: orderId },
          expiresIn,
        )
        return json({ url, expires_in: statedExpiresIn(ctx.config, expiresIn) })
      },
    },
  ]

  return fastApiDispatch(ctx.config, routes, (request) => {
    const key = request.headers.get('x-vital-api-key')
    if (key === null || key === '') {
      return json({ detail: 'Missing API key. Send your team API key in the x-vital-api-key header.' }, 401)
    }
    return key === ctx.config.keys.junction ? null : json({ detail: 'Invalid API key.' }, 401)
  })
}
