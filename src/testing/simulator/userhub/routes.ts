import { type ApiHandler, issueSignedUrl, type SimulatorContext } from '../context.js'
import { json, readJson } from '../responses.js'
import { matchRoute, type Route } from '../routing.js'
import type { UserhubUserRecord } from '../types.js'
import { isRecord } from '../validation.js'

function error(status: number, code: string, message: string, param?: string): Response {
  return json(param === undefined ? { code, message } : { code, message, param }, status)
}

function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

type SessionBody = {
  portalUrl: string | null
  returnUrl: string | null
  successUrl: string | null
  organizationId: string | null
}

/** Reads the optional body of `:createPortalSession`, or answers UserHub's 400. */
async function readSessionBody(request: Request): Promise<SessionBody | Response> {
  const parsed = await readJson(request)
  if (parsed.kind === 'invalid') return error(400, 'INVALID_ARGUMENT', 'The request body is not valid JSON.')
  const body = parsed.kind === 'empty' ? {} : parsed.value
  if (!isRecord(body)) return error(400, 'INVALID_ARGUMENT', 'The request body must be a JSON object.')
  const result: SessionBody = { portalUrl: null, returnUrl: null, successUrl: null, organizationId: null }
  for (const param of ['portalUrl', 'returnUrl', 'successUrl', 'organizationId'] as const) {
    const value = body[param]
    if (value === undefined || value === null) continue
    if (typeof value !== 'string' || value === '') {
      return error(400, 'INVALID_ARGUMENT', `${param} must be a non-empty string.`, param)
    }
    result[param] = value
  }
  if (result.portalUrl !== null && !result.portalUrl.startsWith('/') && !isAbsoluteHttpUrl(result.portalUrl)) {
    return error(
      400,
      'INVALID_ARGUMENT',
      'portalUrl must be a path such as /{accountId} or an absolute URL.',
      'portalUrl',
    )
  }
  for (const param of ['returnUrl', 'successUrl'] as const) {
    const value = result[param]
    if (value !== null && !isAbsoluteHttpUrl(value)) {
      return error(400, 'INVALID_ARGUMENT', `${param} must be an absolute http or https URL.`, param)
    }
  }
  return result
}

/** The UserHub admin API (`Authorization: Bearer <admin key>`): portal sessions. */
export function userhubApi(ctx: SimulatorContext): ApiHandler {
  /** A UserHub user by id, or by `<externalId>@<connectionId>`, which imports it on first use. */
  function findOrImport(userId: string): UserhubUserRecord | undefined {
    const known = ctx.store.userhubUsers.get(userId)
    if (known) return known
    const at = userId.lastIndexOf('@')
    if (at <= 0 || at === userId.length - 1) return undefined
    const imported = ctx.store.userhubImports.get(userId)
    if (imported !== undefined) return ctx.store.userhubUsers.get(imported)
    const record: UserhubUserRecord = {
      id: `usr_${ctx.ids.uuid().replace(/-/g, '')}`,
      externalId: userId.slice(0, at),
      connectionId: userId.slice(at + 1),
    }
    ctx.store.userhubUsers.set(record.id, record)
    ctx.store.userhubImports.set(userId, record.id)
    return record
  }

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/admin\/v1\/users\/(?<userId>[^/]+):createPortalSession$/,
      async run(request, params) {
        const body = await readSessionBody(request)
        if (body instanceof Response) return body
        const user = findOrImport(params.userId ?? '')
        if (!user) return error(404, 'NOT_FOUND', 'User not found.')
        const accountId = body.organizationId ?? user.id
        const expiresIn = ctx.config.expiresIn.userhub
        const redirectUrl = await issueSignedUrl(
          ctx,
          {
            kind: 'userhub.signin',
            user_id: user.id,
            account_id: accountId,
            portal_url: (body.portalUrl ?? '/').replaceAll('{accountId}', accountId),
            return_url: body.returnUrl,
            success_url: body.successUrl,
            organization_id: body.organizationId,
          },
          expiresIn,
        )
        return json({ redirectUrl })
      },
    },
  ]

  return async (request, path) => {
    const match = matchRoute(routes, request.method, path)
    if (match.kind === 'not_found') return error(404, 'NOT_FOUND', 'Not found.')
    if (match.kind === 'method_not_allowed') {
      return json({ code: 'UNIMPLEMENTED', message: 'Method not allowed.' }, 405, { allow: match.allowed.join(', ') })
    }
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]
    if (token !== ctx.config.keys.userhub) {
      return error(401, 'UNAUTHENTICATED', 'The admin API key is missing or invalid.')
    }
    return match.route.run(request, match.params)
  }
}
