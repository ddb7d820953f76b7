// Type tests of `embedded-portals/server`, checked by `npm run typecheck` (never run by Vitest).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { expectTypeOf } from 'vitest'
import {
  type AdminOperation,
  type AuthorizeContext,
  createEmbedHandler,
  type DashboardIdentity,
  defaultAuthorize,
  type EmbedAction,
  type EmbedFieldError,
  type EmbedHandler,
  type EmbedHandlerOptions,
  type JunctionDashboardTarget,
  type ResolvedUser,
  type ResolveUserContext,
  type Target,
  type TargetValidation,
  type UserStore,
  validateTarget,
} from '../../server/index.js'
import { type NodeHandler, type NodeHandlerOptions, toNodeHandler } from '../../server/node.js'

/** Checks an object literal against `T`, excess-property checks included. */
function accepts<T>(_value: T): void {}

type FetchHandler = (request: Request) => Promise<Response>

// --- createEmbedHandler ----------------------------------------------------------------------------------

expectTypeOf(createEmbedHandler<ResolvedUser>).parameters.toEqualTypeOf<[hostOptions: EmbedHandlerOptions]>()
expectTypeOf(createEmbedHandler).returns.toEqualTypeOf<EmbedHandler>()

// A Fetch-API handler (Next.js route handlers, Hono, Workers…) that also tells its base path.
expectTypeOf<EmbedHandler>().toExtend<FetchHandler>()
expectTypeOf<EmbedHandler>().parameters.toEqualTypeOf<[request: Request]>()
expectTypeOf<EmbedHandler>().returns.toEqualTypeOf<Promise<Response>>()
expectTypeOf<EmbedHandler['basePath']>().toEqualTypeOf<string>()
expectTypeOf<EmbedHandler>().toEqualTypeOf<FetchHandler & { readonly basePath: string }>()
expectTypeOf<FetchHandler>().not.toExtend<EmbedHandler>()

declare const handler: EmbedHandler
// @ts-expect-error `basePath` is read-only
handler.basePath = '/elsewhere'

// --- resolveUser and the other callbacks -----------------------------------------------------------------

expectTypeOf<EmbedHandlerOptions['resolveUser']>().toEqualTypeOf<
  (request: Request, context: ResolveUserContext) => ResolvedUser | null | Promise<ResolvedUser | null>
>()
expectTypeOf<ResolveUserContext>().toEqualTypeOf<{ action: EmbedAction; subject: string | undefined }>()
expectTypeOf<EmbedAction>().toEqualTypeOf<
  | { type: 'signed-url'; target: Target }
  | { type: 'demographics.read' | 'demographics.write'; subject: string | undefined }
  | { type: 'admin'; operation: AdminOperation; portalId: string | undefined; userId: string | undefined }
>()
expectTypeOf<EmbedHandlerOptions['authorize']>().toEqualTypeOf<
  ((request: Request, context: AuthorizeContext) => boolean | Promise<boolean>) | undefined
>()
expectTypeOf(defaultAuthorize).toExtend<NonNullable<EmbedHandlerOptions['authorize']>>()
expectTypeOf<ResolvedUser>().toEqualTypeOf<{
  junctionUserId?: string | undefined
  clientUserId?: string | undefined
  userhubUserId?: string | undefined
}>()
expectTypeOf<EmbedHandlerOptions['authorizeDashboard']>().toEqualTypeOf<
  | ((
      request: Request,
      target: JunctionDashboardTarget,
      user: ResolvedUser,
    ) => DashboardIdentity | null | Promise<DashboardIdentity | null>)
  | undefined
>()
// `authorizeAdmin` was replaced by `authorize`, which sees the operation, the portal and the user.
// @ts-expect-error no such option any more
accepts<EmbedHandlerOptions>({ resolveUser: async () => null, authorizeAdmin: async () => true })

// The host's own user type flows from `resolveUser` to `authorize` and `authorizeDashboard`.
createEmbedHandler({
  resolveUser: async () => ({ clientUserId: 'u-1', role: 'clinician' as const, tenant: 'north' }),
  authorize: (_request, { user, action }) => {
    expectTypeOf(user.role).toEqualTypeOf<'clinician'>()
    return action.type === 'admin' ? action.portalId === user.tenant : true
  },
  authorizeDashboard: (_request, _target, user) => {
    expectTypeOf(user.tenant).toEqualTypeOf<string>()
    return null
  },
})
expectTypeOf<EmbedHandlerOptions['userStore']>().toEqualTypeOf<UserStore | undefined>()
expectTypeOf<EmbedHandlerOptions['basePath']>().toEqualTypeOf<string | undefined>()
expectTypeOf<EmbedHandlerOptions['allowedOrigins']>().toEqualTypeOf<readonly string[] | undefined>()

accepts<EmbedHandlerOptions>({ resolveUser: async () => null })
accepts<EmbedHandlerOptions>({
  basePath: '/api/portals',
  junction: { apiKey: 'sk_test' },
  async resolveUser(request, { subject }) {
    expectTypeOf(request).toEqualTypeOf<Request>()
    expectTypeOf(subject).toEqualTypeOf<string | undefined>()
    return { clientUserId: 'user-1' }
  },
  async authorizeDashboard(_request, target) {
    expectTypeOf(target.feature).toEqualTypeOf<JunctionDashboardTarget['feature']>()
    return { integration_member_id: 'member-1', integration_team_id: 'team-1' }
  },
})
// @ts-expect-error `resolveUser` is required
accepts<EmbedHandlerOptions>({ basePath: '/api/portals' })
// `resolveUser` and `authorize` may answer at once or asynchronously
accepts<EmbedHandlerOptions>({ resolveUser: () => null, authorize: () => false })
// @ts-expect-error vendor user ids are named per vendor
accepts<EmbedHandlerOptions>({ resolveUser: async () => ({ userId: 'user-1' }) })
// @ts-expect-error the fetch and timeout of vendor calls are set once, at the top level
accepts<EmbedHandlerOptions>({ resolveUser: async () => null, junction: { apiKey: 'sk', timeoutMs: 5 } })

// --- toNodeHandler ---------------------------------------------------------------------------------------

expectTypeOf(toNodeHandler).parameters.toEqualTypeOf<
  [handler: EmbedHandler, options?: NodeHandlerOptions | undefined]
>()
expectTypeOf(toNodeHandler).returns.toEqualTypeOf<NodeHandler>()
expectTypeOf(toNodeHandler).toBeCallableWith(handler)
expectTypeOf(toNodeHandler).toBeCallableWith(handler, { trustProxy: true })
expectTypeOf<NodeHandler>().parameters.toEqualTypeOf<
  [request: IncomingMessage, response: ServerResponse, next?: ((error?: unknown) => void) | undefined]
>()
expectTypeOf<NodeHandler>().returns.toEqualTypeOf<Promise<void>>()
expectTypeOf<NodeHandlerOptions>().toEqualTypeOf<{ trustProxy?: boolean | undefined }>()

declare const fetchHandler: FetchHandler
// @ts-expect-error a bare fetch handler has no `basePath`: pass what `createEmbedHandler` returns
toNodeHandler(fetchHandler)
// @ts-expect-error an unknown option
toNodeHandler(handler, { trustProxies: true })

// --- validateTarget --------------------------------------------------------------------------------------

expectTypeOf(validateTarget).parameters.toEqualTypeOf<[input: unknown]>()
expectTypeOf(validateTarget).returns.toEqualTypeOf<TargetValidation>()
expectTypeOf<TargetValidation>().toEqualTypeOf<
  { ok: true; target: Target } | { ok: false; fields: EmbedFieldError[] }
>()
declare const checked: TargetValidation
if (checked.ok) {
  expectTypeOf(checked.target).toEqualTypeOf<Target>()
} else {
  expectTypeOf(checked.fields).toEqualTypeOf<EmbedFieldError[]>()
}
