import type { HandlerContext } from './context.js'
import { WireError } from './http.js'
import type { AuthorizeContext, EmbedAction, ResolvedUser } from './options.js'

function isPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//')
}

/** A dashboard feature that names someone (`order_creation:{user_id}`, `order:{order_id}`) or the team's setup. */
function namesSomeone(feature: string): boolean {
  return feature.includes(':') || feature === 'team_config'
}

/**
 * The policy used when the host passes no `authorize`: it allows only what names nobody but the caller.
 * That is the caller's own Junction portal (no `subject`, no `order_id`), their own UserHub portal (no
 * `organization_id`, a `portal_url` that is a path), their own demographics (no `subject`), and dashboards
 * whose feature names nobody (not `order_creation:{id}`, `order:{id}` or `team_config`), whose member and
 * team `authorizeDashboard` still decides. Every admin action is refused.
 */
export function defaultAuthorize(_request: Request, { action }: AuthorizeContext): boolean {
  switch (action.type) {
    case 'signed-url': {
      const target = action.target
      switch (target.kind) {
        case 'junction.user_portal':
          return target.subject === undefined && target.order_id === undefined
        case 'userhub.portal':
          return target.organization_id === undefined && (target.portal_url === undefined || isPath(target.portal_url))
        case 'junction.dashboard':
          return !namesSomeone(target.feature)
      }
      return false
    }
    case 'demographics.read':
    case 'demographics.write':
      return action.subject === undefined
    case 'admin':
      return false
  }
}

function subjectOf(action: EmbedAction): string | undefined {
  if (action.type === 'signed-url')
    return action.target.kind === 'junction.user_portal' ? action.target.subject : undefined
  return action.type === 'admin' ? undefined : action.subject
}

/**
 * Who is asking (`resolveUser`, else 401) and whether they may (`authorize`, else 403), before any vendor
 * call. A refusal is logged with the route and the action's type, never with the ids it names.
 */
export async function decide(context: HandlerContext, request: Request, action: EmbedAction): Promise<ResolvedUser> {
  const { options } = context
  const user = await options.resolveUser(request, { action, subject: subjectOf(action) })
  if (!user) throw new WireError(401, 'unauthorized', 'Sign in to open the portal.')
  const authorize = options.authorize ?? defaultAuthorize
  const allowed: unknown = await authorize(request, { user, action })
  if (allowed !== true) {
    if (allowed !== false) {
      // A truthy "false", an object or a function left uncalled must not open anything.
      options.logger?.error('authorize returned something other than true or false; the request was refused', {
        route: context.route,
        option: 'authorize',
        returned: allowed === null ? 'null' : typeof allowed,
      })
    }
    options.logger?.warn('request refused by authorize', {
      route: context.route,
      action: action.type === 'admin' ? `admin ${action.operation}` : action.type,
      policy: options.authorize ? 'authorize' : 'defaultAuthorize',
    })
    throw new WireError(403, 'forbidden', 'You do not have permission to do this.')
  }
  return user
}
