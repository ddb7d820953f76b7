// Type tests of the components' props, checked by `npm run typecheck` (never run by Vitest).
import { type ComponentProps, type ComponentRef, createRef, type MouseEvent, type ReactNode } from 'react'
import { expectTypeOf } from 'vitest'
import {
  DashboardEmbed,
  type DashboardEmbedHandle,
  type DashboardEmbedProps,
  type Demographics,
  type DemographicsFormPath,
  type DemographicsFormRenderProps,
  type DemographicsFormStatus,
  type DemographicsFormValues,
  DemographicsGate,
  type DemographicsGateMessages,
  type DemographicsGateProps,
  type EmbedError,
  type JunctionDashboardFeature,
  type LaunchEvent,
  type OptionalDemographicsField,
  PortalLaunchButton,
  type PortalLaunchButtonProps,
  type Target,
  type UseLaunchOptions,
} from '../../index.js'

/** Checks an object literal against `T`, excess-property checks included. */
function accepts<T>(_value: T): void {}

type Dashboard = DashboardEmbedProps
const base = { feature: 'order_creation', modality: 'feature_embed', environment: 'sandbox' } as const

// --- DashboardEmbedProps ---------------------------------------------------------------------------------

expectTypeOf<Dashboard['feature']>().toEqualTypeOf<JunctionDashboardFeature>()
expectTypeOf<Dashboard['modality']>().toEqualTypeOf<'feature_embed' | 'link_out'>()
expectTypeOf<Dashboard['environment']>().toEqualTypeOf<'production' | 'sandbox'>()
expectTypeOf<Dashboard['memberId']>().toEqualTypeOf<string | undefined>()
expectTypeOf<Dashboard['strategy']>().toEqualTypeOf<'signed-url' | 'fast-launch' | undefined>()
expectTypeOf<NonNullable<Dashboard['onError']>>().parameters.toEqualTypeOf<[error: EmbedError]>()
expectTypeOf<NonNullable<Dashboard['onLaunch']>>().parameters.toEqualTypeOf<[event: LaunchEvent]>()

accepts<Dashboard>(base)
accepts<Dashboard>({ feature: 'order:o-1', modality: 'link_out', environment: 'production' })
accepts<Dashboard>({ ...base, memberId: 'uuid', teamId: 'uuid' })
accepts<Dashboard>({ ...base, integrationMemberId: 'm', integrationTeamId: 't' })
accepts<Dashboard>({ ...base, memberId: 'uuid', integrationTeamId: 't' })
accepts<Dashboard>({ ...base, memberId: 'uuid', integrationMemberId: undefined })
accepts<Dashboard>({ ...base, strategy: 'signed-url' })
accepts<Dashboard>({ ...base, strategy: 'fast-launch', slug: 'acme' })
accepts<Dashboard>({ ...base, strategy: 'fast-launch', slug: 'acme', fastLaunchOrigin: 'http://localhost:4000' })

// @ts-expect-error `feature` is required
accepts<Dashboard>({ modality: 'feature_embed', environment: 'sandbox' })
// @ts-expect-error `modality` is required
accepts<Dashboard>({ feature: 'team_panels', environment: 'sandbox' })
// @ts-expect-error `environment` is required
accepts<Dashboard>({ feature: 'team_panels', modality: 'link_out' })
// @ts-expect-error a member uuid and the host's member id are exclusive
accepts<Dashboard>({ ...base, memberId: 'uuid', integrationMemberId: 'm' })
// @ts-expect-error a team uuid and the host's team id are exclusive
accepts<Dashboard>({ ...base, teamId: 'uuid', integrationTeamId: 't' })
// @ts-expect-error Fast Launch needs the organisation's slug
accepts<Dashboard>({ ...base, strategy: 'fast-launch' })
// @ts-expect-error `slug` is only for Fast Launch
accepts<Dashboard>({ ...base, slug: 'acme' })
// @ts-expect-error `fastLaunchOrigin` is only for Fast Launch
accepts<Dashboard>({ ...base, strategy: 'signed-url', fastLaunchOrigin: 'http://localhost:4000' })
// @ts-expect-error wire names are not props
accepts<Dashboard>({ ...base, member_id: 'uuid' })

// The ref: `reload()`, nothing else.
expectTypeOf<DashboardEmbedHandle>().toEqualTypeOf<{ reload: () => void }>()
expectTypeOf<DashboardEmbedHandle['reload']>().returns.toEqualTypeOf<void>()
expectTypeOf<ComponentRef<typeof DashboardEmbed>>().toEqualTypeOf<DashboardEmbedHandle>()
expectTypeOf<ComponentProps<typeof DashboardEmbed>>().toExtend<DashboardEmbedProps>()

const dashboardRef = createRef<DashboardEmbedHandle>()
const frameRef = createRef<HTMLIFrameElement>()
const dashboards = (
  <>
    <DashboardEmbed ref={dashboardRef} {...base} integrationMemberId="m" teamId="uuid" />
    <DashboardEmbed {...base} strategy="fast-launch" slug="acme" onError={(e) => e.code} />
    {/* @ts-expect-error both member ids */}
    <DashboardEmbed {...base} memberId="uuid" integrationMemberId="m" />
    {/* @ts-expect-error both team ids */}
    <DashboardEmbed {...base} teamId="uuid" integrationTeamId="t" />
    {/* @ts-expect-error Fast Launch without a slug */}
    <DashboardEmbed {...base} strategy="fast-launch" />
    {/* @ts-expect-error the ref is a handle, not the iframe */}
    <DashboardEmbed ref={frameRef} {...base} />
  </>
)

// --- PortalLaunchButtonProps -----------------------------------------------------------------------------

type Button = PortalLaunchButtonProps

expectTypeOf<Button['context']>().toEqualTypeOf<'launch' | 'communications' | undefined>()
expectTypeOf<Button['action']>().toEqualTypeOf<'open' | 'copy' | undefined>()
expectTypeOf<Button['openIn']>().toEqualTypeOf<'new-tab' | 'same-tab' | undefined>()
expectTypeOf<Button['prefetch']>().toEqualTypeOf<'intent' | 'render' | 'visible' | 'none' | undefined>()
expectTypeOf<Button['asChild']>().toEqualTypeOf<boolean | undefined>()
expectTypeOf<Button['target']>().toEqualTypeOf<Target | undefined>()
expectTypeOf<Button['orderId']>().toEqualTypeOf<string | undefined>()
expectTypeOf<Button['subject']>().toEqualTypeOf<string | undefined>()
expectTypeOf<Button['children']>().toEqualTypeOf<ReactNode>()
expectTypeOf<Button['onError']>().toEqualTypeOf<((error: EmbedError) => void) | undefined>()
expectTypeOf<Button['onLaunch']>().toEqualTypeOf<((event: LaunchEvent) => void) | undefined>()
expectTypeOf<Button>().toExtend<UseLaunchOptions>()
// A `<button>`'s own attributes stay, but `type` is the component's business.
expectTypeOf<Button>().not.toHaveProperty('type')
expectTypeOf<Button['disabled']>().toEqualTypeOf<boolean | undefined>()
expectTypeOf<NonNullable<Button['onClick']>>().parameter(0).toEqualTypeOf<MouseEvent<HTMLButtonElement>>()
expectTypeOf<ComponentRef<typeof PortalLaunchButton>>().toEqualTypeOf<HTMLButtonElement>()

accepts<Button>({})
accepts<Button>({ context: 'communications', orderId: 'uuid', subject: 'patient-1', action: 'copy' })
accepts<Button>({ target: { kind: 'userhub.portal', portal_url: '/acc_1/plans' }, openIn: 'same-tab' })
accepts<Button>({ prefetch: 'visible', asChild: true, className: 'btn', disabled: false })
// @ts-expect-error `context` is 'launch' | 'communications'
accepts<Button>({ context: 'share' })
// @ts-expect-error `action` is 'open' | 'copy'
accepts<Button>({ action: 'download' })
// @ts-expect-error `openIn` is 'new-tab' | 'same-tab'
accepts<Button>({ openIn: 'popup' })
// @ts-expect-error `prefetch` is 'intent' | 'render' | 'visible' | 'none'
accepts<Button>({ prefetch: 'hover' })
// @ts-expect-error `type` is omitted
accepts<Button>({ type: 'submit' })
// @ts-expect-error `asChild` is a boolean
accepts<Button>({ asChild: 'yes' })
// @ts-expect-error `onError` receives an `EmbedError`, not an event
accepts<Button>({ onError: (event: MouseEvent<HTMLButtonElement>) => event.preventDefault() })

const buttons = (
  <>
    <PortalLaunchButton onError={(error) => expectTypeOf(error).toEqualTypeOf<EmbedError>()} />
    <PortalLaunchButton asChild>
      <a href="/fallback">Open</a>
    </PortalLaunchButton>
    {/* @ts-expect-error `type` is omitted */}
    <PortalLaunchButton type="submit" />
    {/* @ts-expect-error `context` is 'launch' | 'communications' */}
    <PortalLaunchButton context="share" />
  </>
)

// --- DemographicsGateProps and renderForm ----------------------------------------------------------------

expectTypeOf<OptionalDemographicsField>().toEqualTypeOf<
  'race' | 'ethnicity' | 'sexual_orientation' | 'gender_identity' | 'medical_proxy'
>()
expectTypeOf<DemographicsGateProps['fields']>().toEqualTypeOf<readonly OptionalDemographicsField[] | undefined>()
expectTypeOf<DemographicsGateProps['subject']>().toEqualTypeOf<string | undefined>()
expectTypeOf<DemographicsGateProps['renderForm']>().toEqualTypeOf<
  ((props: DemographicsFormRenderProps) => ReactNode) | undefined
>()
expectTypeOf<NonNullable<DemographicsGateProps['onComplete']>>().parameters.toEqualTypeOf<
  [demographics: Demographics | null]
>()
expectTypeOf<NonNullable<DemographicsGateProps['onError']>>().parameters.toEqualTypeOf<[error: EmbedError]>()

accepts<DemographicsGateProps>({ fields: ['race', 'medical_proxy'] })
// @ts-expect-error required fields are always asked for: `fields` only adds optional groups
accepts<DemographicsGateProps>({ fields: ['first_name'] })
// @ts-expect-error groups, not paths
accepts<DemographicsGateProps>({ fields: ['medical_proxy.email'] })

expectTypeOf<DemographicsFormRenderProps>().toEqualTypeOf<{
  paths: readonly DemographicsFormPath[]
  values: DemographicsFormValues
  errors: Partial<Record<DemographicsFormPath, string>>
  formErrors: readonly string[]
  missing: readonly string[]
  setValue: (path: DemographicsFormPath, value: string) => void
  submit: () => void
  status: DemographicsFormStatus
  messages: DemographicsGateMessages
}>()
expectTypeOf<DemographicsFormStatus>().toEqualTypeOf<'editing' | 'saving' | 'error'>()
expectTypeOf<DemographicsFormValues>().toEqualTypeOf<Record<DemographicsFormPath, string>>()
expectTypeOf<'address.zip'>().toExtend<DemographicsFormPath>()
expectTypeOf<'medical_proxy.address.zip'>().toExtend<DemographicsFormPath>()
expectTypeOf<'race'>().toExtend<DemographicsFormPath>()
expectTypeOf<'address.zip_code'>().not.toExtend<DemographicsFormPath>()
expectTypeOf<string>().not.toExtend<DemographicsFormPath>()

const gates = (
  <DemographicsGate
    fields={['race']}
    renderForm={({ setValue, values, submit }) => {
      setValue('address.zip', '94107')
      // @ts-expect-error not a path of the form
      setValue('zip', '94107')
      // @ts-expect-error values are strings
      setValue('dob', 19700101)
      return (
        <form onSubmit={submit}>
          <input value={values['address.zip']} onChange={(event) => setValue('address.zip', event.target.value)} />
        </form>
      )
    }}
  >
    <PortalLaunchButton />
  </DemographicsGate>
)

// The elements themselves are JSX.
expectTypeOf([dashboards, buttons, gates]).items.toEqualTypeOf<React.JSX.Element>()
