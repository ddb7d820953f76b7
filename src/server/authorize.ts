import type { HandlerContext } from './context.js'
import { WireError } from './http.js'
import type { AuthorizeContext, EmbedAction, ResolvedUser } from './options.js'

/** How long `resolveUser`, `authorize` and `authorizeDashboard` may take, in ms, unless `decisionTimeoutMs` says otherwise. */
const DEFAULT_DECISION_TIMEOUT_MS = 10_000

/** The host callbacks that decide a request. */
type DecisionCallback = 'resolveUser' | 'authorize' | 'authorizeDashboard'

/**
 * The host callback's answer, or a 504 once `decisionTimeoutMs` has passed: a decision that never comes
 * fails closed, and nothing after it (no vendor call) runs. Logged with the callback's name.
 */
export async function withinDecisionTime<T>(
  context: HandlerContext,
  callback: DecisionCallback,
  run: () => T | Promise<T>,
): Promise<T> {
  const timeoutMs = context.options.decisionTimeoutMs ?? DEFAULT_DECISION_TIMEOUT_MS
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      context.options.logger?.error('a host callback did not settle in time; the request failed closed', {
        route: context.route,
        callback,
        timeoutMs,
        option: 'decisionTimeoutMs',
      })
      reject(new WireError(504, 'timeout', 'The server took too long to answer. Retry in a moment.'))
    }, timeoutMs)
  })
  try {
    return await Promise.race([Promise.resolve().then(run), late])
  } finally {
    clearTimeout(timer)
  }
}

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
 * call, each within `decisionTimeoutMs`. A refusal is logged with the route and the action's type, never with the ids it names.
 */
export async function decide(context: HandlerContext, request: Request, action: EmbedAction): Promise<ResolvedUser> {
  const { options, record } = context
  record.action = action
  const user = await withinDecisionTime(context, 'resolveUser', () =>
    options.resolveUser(request, { action, subject: subjectOf(action) }),
  )
  if (!user) throw new WireError(401, 'unauthorized', 'Sign in to open the portal.')
  record.user = user
  const authorize = options.authorize ?? defaultAuthorize
  const allowed: unknown = await withinDecisionTime(context, 'authorize', () => authorize(request, { user, action }))
  record.decision = allowed === true ? 'allowed' : 'denied'
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
