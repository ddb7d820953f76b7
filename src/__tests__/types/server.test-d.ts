// Type tests of `embedded-portals/server`, checked by `npm run typecheck` (never run by Vitest).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { expectTypeOf } from 'vitest'
import {
  createEmbedHandler,
  type DashboardIdentity,
  type EmbedFieldError,
  type EmbedHandler,
  type EmbedHandlerOptions,
  type JunctionDashboardTarget,
  type NodeHandler,
  type NodeHandlerOptions,
  type ResolvedUser,
  type Target,
  type TargetValidation,
  toNodeHandler,
  type UserStore,
  validateTarget,
} from '../../server/index.js'

/** Checks an object literal against `T`, excess-property checks included. */
function accepts<T>(_value: T): void {}

type FetchHandler = (request: Request) => Promise<Response>

// --- createEmbedHandler ----------------------------------------------------------------------------------

expectTypeOf(createEmbedHandler).parameters.toEqualTypeOf<[options: EmbedHandlerOptions]>()
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
  (request: Request, context: { subject: string | undefined }) => Promise<ResolvedUser | null>
>()
expectTypeOf<ResolvedUser>().toEqualTypeOf<{
  junctionUserId?: string | undefined
  clientUserId?: string | undefined
  userhubUserId?: string | undefined
}>()
expectTypeOf<EmbedHandlerOptions['authorizeDashboard']>().toEqualTypeOf<
  ((request: Request, target: JunctionDashboardTarget) => Promise<DashboardIdentity | null>) | undefined
>()
expectTypeOf<EmbedHandlerOptions['authorizeAdmin']>().toEqualTypeOf<
  ((request: Request) => Promise<boolean>) | undefined
>()
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
// @ts-expect-error `resolveUser` is asynchronous
accepts<EmbedHandlerOptions>({ resolveUser: () => null })
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
