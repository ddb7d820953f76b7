// Type tests of `Target` and `JunctionDashboardFeature`, checked by `npm run typecheck` (never run by Vitest).
import { expectTypeOf } from 'vitest'
import type {
  DashboardEmbedProps,
  JunctionDashboardFeature,
  JunctionDashboardTarget,
  JunctionUserPortalTarget,
  Target,
  UserhubPortalTarget,
} from '../../index.js'

/** Checks an object literal against `T`, excess-property checks included. */
function accepts<T>(_value: T): void {}

/** The keys of `T` that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T]

/** The members of a union that are known literals (not `string` nor `string & {}`). */
type KnownLiterals<T> = T extends unknown ? (string extends T ? never : T) : never

// --- The union -------------------------------------------------------------------------------------------

expectTypeOf<Target>().toEqualTypeOf<JunctionUserPortalTarget | JunctionDashboardTarget | UserhubPortalTarget>()
expectTypeOf<Target['kind']>().toEqualTypeOf<'junction.user_portal' | 'junction.dashboard' | 'userhub.portal'>()

// --- junction.user_portal --------------------------------------------------------------------------------

expectTypeOf<JunctionUserPortalTarget>().toEqualTypeOf<{
  kind: 'junction.user_portal'
  context: 'launch' | 'communications'
  order_id?: string | undefined
  subject?: string | undefined
}>()
expectTypeOf<RequiredKeys<JunctionUserPortalTarget>>().toEqualTypeOf<'kind' | 'context'>()

accepts<Target>({ kind: 'junction.user_portal', context: 'launch' })
accepts<Target>({ kind: 'junction.user_portal', context: 'communications', order_id: 'uuid', subject: 'patient-1' })
accepts<Target>({ kind: 'junction.user_portal', context: 'launch', order_id: undefined })
// @ts-expect-error `context` is required
accepts<Target>({ kind: 'junction.user_portal' })
// @ts-expect-error `context` is 'launch' | 'communications'
accepts<Target>({ kind: 'junction.user_portal', context: 'share' })
// @ts-expect-error fields are snake_case, as on the wire
accepts<Target>({ kind: 'junction.user_portal', context: 'launch', orderId: 'uuid' })

// --- junction.dashboard ----------------------------------------------------------------------------------

expectTypeOf<JunctionDashboardTarget>().toEqualTypeOf<{
  kind: 'junction.dashboard'
  feature: JunctionDashboardFeature
  modality: 'feature_embed' | 'link_out'
  environment: 'production' | 'sandbox'
  member_id?: string | undefined
  integration_member_id?: string | undefined
  team_id?: string | undefined
  integration_team_id?: string | undefined
}>()
expectTypeOf<RequiredKeys<JunctionDashboardTarget>>().toEqualTypeOf<'kind' | 'feature' | 'modality' | 'environment'>()
expectTypeOf<Omit<JunctionDashboardTarget, 'feature'>>().not.toExtend<Target>()
expectTypeOf<Omit<JunctionDashboardTarget, 'modality'>>().not.toExtend<Target>()
expectTypeOf<Omit<JunctionDashboardTarget, 'environment'>>().not.toExtend<Target>()

accepts<Target>({
  kind: 'junction.dashboard',
  feature: 'order_creation',
  modality: 'feature_embed',
  environment: 'sandbox',
})
accepts<Target>({
  kind: 'junction.dashboard',
  feature: 'order:7b4f',
  modality: 'link_out',
  environment: 'production',
  integration_member_id: 'host-member',
  team_id: 'uuid',
})
// @ts-expect-error feature, modality and environment are required
accepts<Target>({ kind: 'junction.dashboard' })
// @ts-expect-error modality and environment are required
accepts<Target>({ kind: 'junction.dashboard', feature: 'team_panels' })
// @ts-expect-error environment is required
accepts<Target>({ kind: 'junction.dashboard', feature: 'team_panels', modality: 'link_out' })
// @ts-expect-error modality is 'feature_embed' | 'link_out'
accepts<Target>({ kind: 'junction.dashboard', feature: 'x', modality: 'iframe', environment: 'sandbox' })
// @ts-expect-error environment is 'production' | 'sandbox'
accepts<Target>({ kind: 'junction.dashboard', feature: 'x', modality: 'link_out', environment: 'staging' })

// --- userhub.portal --------------------------------------------------------------------------------------

expectTypeOf<UserhubPortalTarget>().toEqualTypeOf<{
  kind: 'userhub.portal'
  portal_url?: string | undefined
  return_url?: string | undefined
  success_url?: string | undefined
  organization_id?: string | undefined
}>()
expectTypeOf<RequiredKeys<UserhubPortalTarget>>().toEqualTypeOf<'kind'>()

accepts<Target>({ kind: 'userhub.portal' })
accepts<Target>({ kind: 'userhub.portal', portal_url: '/acc_1/plans', return_url: 'https://host.example/billing' })

// --- Unknown kinds and fields ----------------------------------------------------------------------------

expectTypeOf<{ kind: 'stripe.portal' }>().not.toExtend<Target>()
expectTypeOf<{ kind: string }>().not.toExtend<Target>()
// @ts-expect-error an unknown kind
accepts<Target>({ kind: 'stripe.portal' })
// @ts-expect-error `kind` is required
accepts<Target>({ context: 'launch' })
// @ts-expect-error an unknown field
accepts<Target>({ kind: 'userhub.portal', portal_url: '/acc_1/plans', extra: true })
// @ts-expect-error a field of another kind
accepts<Target>({ kind: 'userhub.portal', context: 'launch' })
// @ts-expect-error a field of another kind
accepts<Target>({ kind: 'junction.user_portal', context: 'launch', member_id: 'uuid' })

// --- JunctionDashboardFeature ----------------------------------------------------------------------------

// The known slugs and templates stay in the union (for autocomplete), next to any other string.
expectTypeOf<KnownLiterals<JunctionDashboardFeature>>().toEqualTypeOf<
  'order_creation' | `order_creation:${string}` | `order:${string}` | 'team_panels' | 'team_config'
>()
expectTypeOf<Extract<JunctionDashboardFeature, `order:${string}`>>().toEqualTypeOf<`order:${string}`>()
expectTypeOf<Extract<JunctionDashboardFeature, 'team_config'>>().toEqualTypeOf<'team_config'>()
expectTypeOf<'order_creation'>().toExtend<JunctionDashboardFeature>()
expectTypeOf<'order_creation:user-1'>().toExtend<JunctionDashboardFeature>()
expectTypeOf<'order:order-1'>().toExtend<JunctionDashboardFeature>()
expectTypeOf<'team_panels'>().toExtend<JunctionDashboardFeature>()
expectTypeOf<'team_config'>().toExtend<JunctionDashboardFeature>()
expectTypeOf<string>().toExtend<JunctionDashboardFeature>()
expectTypeOf<JunctionDashboardFeature>().toExtend<string>()
expectTypeOf<JunctionDashboardFeature>().not.toBeAny()
expectTypeOf<number>().not.toExtend<JunctionDashboardFeature>()
expectTypeOf<JunctionDashboardTarget['feature']>().toEqualTypeOf<JunctionDashboardFeature>()
expectTypeOf<DashboardEmbedProps['feature']>().toEqualTypeOf<JunctionDashboardFeature>()

accepts<JunctionDashboardFeature>('order_creation:user-1')
accepts<JunctionDashboardFeature>('a_future_feature')
// @ts-expect-error a feature is a string
accepts<JunctionDashboardFeature>(42)
