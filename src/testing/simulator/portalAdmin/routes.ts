import type { ApiHandler, SimulatorContext } from '../context.js'
import { json } from '../responses.js'
import { fastApiDispatch, type Route } from '../routing.js'
import { Issues, readModelBody, validationError } from '../validation.js'
import { checkCreate, checkDomainFree, checkInvite, checkUpdate } from './bodies.js'
import { createPortal, invite, portalJson } from './portals.js'

const NOT_FOUND = { detail: 'Not found' }

/** The portal administration API (`Authorization: Bearer <admin key>`): portals and their users. */
export function portalAdminApi(ctx: SimulatorContext): ApiHandler {
  const portalOf = (params: Record<string, string>) => ctx.store.portals.get(params.portal_id ?? '')

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: '/v1/portal',
      async run(request) {
        const read = await readModelBody(request)
        if ('response' in read) return read.response
        const issues = new Issues()
        const input = checkCreate(ctx, issues, read.body)
        if (!issues.ok || input === undefined) return validationError(issues.list)
        return json(portalJson(createPortal(ctx, input.name, input.custom_domain)), 201)
      },
    },
    {
      method: 'PATCH',
      pattern: '/v1/portal/:portal_id',
      async run(request, params) {
        const read = await readModelBody(request)
        if ('response' in read) return read.response
        const issues = new Issues()
        // As FastAPI does: the body's shape first (422), then the portal (404), then the domain's owner.
        const update = checkUpdate(issues, read.body)
        if (!issues.ok) return validationError(issues.list)
        const portal = portalOf(params)
        if (!portal) return json(NOT_FOUND, 404)
        checkDomainFree(ctx, issues, update.custom_domain, portal.id)
        if (!issues.ok) return validationError(issues.list)
        if (update.name !== undefined) portal.name = update.name
        if (update.custom_domain !== undefined) portal.custom_domain = update.custom_domain
        return json(portalJson(portal))
      },
    },
    {
      method: 'DELETE',
      pattern: '/v1/portal/:portal_id',
      run(_request, params) {
        const portal = portalOf(params)
        if (!portal) return json(NOT_FOUND, 404)
        ctx.store.portals.delete(portal.id)
        return json({})
      },
    },
    {
      method: 'POST',
      pattern: '/v1/portal/:portal_id/users',
      async run(request, params) {
        const read = await readModelBody(request)
        if ('response' in read) return read.response
        const issues = new Issues()
        const invitees = checkInvite(issues, read.body)
        if (!issues.ok) return validationError(issues.list)
        const portal = portalOf(params)
        if (!portal) return json(NOT_FOUND, 404)
        return json({ results: invite(ctx, portal, invitees) }, 201)
      },
    },
    {
      method: 'GET',
      pattern: '/v1/portal/:portal_id/users',
      run(_request, params) {
        const portal = portalOf(params)
        if (!portal) return json(NOT_FOUND, 404)
        return json([...portal.users.values()])
      },
    },
    {
      method: 'DELETE',
      pattern: '/v1/portal/:portal_id/users/:user_id',
      run(_request, params) {
        const portal = portalOf(params)
        if (!portal?.users.delete(params.user_id ?? '')) return json(NOT_FOUND, 404)
        return json({})
      },
    },
  ]

  return fastApiDispatch(ctx.config, routes, (request) => {
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]
    return token === ctx.config.keys.portalAdmin
      ? null
      : json({ detail: 'Not authenticated' }, 401, { 'www-authenticate': 'Bearer' })
  })
}
