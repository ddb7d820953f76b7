// Type tests of the hooks' results, checked by `npm run typecheck` (never run by Vitest).
import { expectTypeOf } from 'vitest'
import {
  type Demographics,
  type DemographicsResponse,
  type EmbedError,
  type LaunchAction,
  type LaunchEvent,
  type LaunchMessages,
  type LaunchOpenIn,
  type LaunchPrefetch,
  type LaunchState,
  type SignedUrl,
  type Target,
  type UseDemographicsResult,
  type UseLaunchOptions,
  type UseLaunchResult,
  type UseSignedUrlOptions,
  type UseSignedUrlResult,
  useDemographics,
  useLaunch,
  useSignedUrl,
} from '../../index.js'

// --- useSignedUrl ----------------------------------------------------------------------------------------

expectTypeOf(useSignedUrl).parameters.toEqualTypeOf<[target: Target, options?: UseSignedUrlOptions | undefined]>()
expectTypeOf(useSignedUrl).returns.toEqualTypeOf<UseSignedUrlResult>()
expectTypeOf<UseSignedUrlOptions>().toEqualTypeOf<{
  enabled?: boolean | undefined
  minRemainingMs?: number | undefined
}>()

type SignedUrlState<S extends UseSignedUrlResult['status']> = Extract<UseSignedUrlResult, { status: S }>

expectTypeOf<UseSignedUrlResult['status']>().toEqualTypeOf<'idle' | 'loading' | 'ready' | 'error'>()
expectTypeOf<SignedUrlState<'ready'>['url']>().toEqualTypeOf<string>()
expectTypeOf<SignedUrlState<'ready'>['signedUrl']>().toEqualTypeOf<SignedUrl>()
expectTypeOf<SignedUrlState<'ready'>['error']>().toEqualTypeOf<null>()
expectTypeOf<SignedUrlState<'error'>['error']>().toEqualTypeOf<EmbedError>()
expectTypeOf<SignedUrlState<'error'>['url']>().toEqualTypeOf<undefined>()
expectTypeOf<SignedUrlState<'idle' | 'loading'>['url']>().toEqualTypeOf<undefined>()
expectTypeOf<SignedUrlState<'idle' | 'loading'>['error']>().toEqualTypeOf<null>()
expectTypeOf<SignedUrl>().toEqualTypeOf<{
  url: string
  receivedAt: number
  expiresAt: number
  singleUse: boolean
  requestId?: string | undefined
}>()

declare const signed: UseSignedUrlResult

// Without narrowing, nothing is known.
expectTypeOf(signed.url).toEqualTypeOf<string | undefined>()
expectTypeOf(signed.error).toEqualTypeOf<EmbedError | null>()
// @ts-expect-error `url` may be undefined until `status` is 'ready'
signed.url.startsWith('https:')
// @ts-expect-error `error` may be null until `status` is 'error'
signed.error.code

// Narrowing on `status` (and on `url`) gives the rest.
if (signed.status === 'ready') {
  expectTypeOf(signed.url).toEqualTypeOf<string>()
  expectTypeOf(signed.signedUrl.expiresAt).toEqualTypeOf<number>()
  expectTypeOf(signed.error).toEqualTypeOf<null>()
} else {
  expectTypeOf(signed.url).toEqualTypeOf<undefined>()
}
if (signed.status === 'error') {
  expectTypeOf(signed.error).toEqualTypeOf<EmbedError>()
  expectTypeOf(signed.error.code).toEqualTypeOf<EmbedError['code']>()
}
if (signed.url !== undefined) {
  expectTypeOf(signed.status).toEqualTypeOf<'ready'>()
}
if (signed.error) {
  expectTypeOf(signed.status).toEqualTypeOf<'error'>()
}

// The actions and `isFetching`, in every state.
expectTypeOf(signed.isFetching).toEqualTypeOf<boolean>()
expectTypeOf(signed.getUsableUrl).toEqualTypeOf<() => SignedUrl | undefined>()
expectTypeOf(signed.fetchFresh).toEqualTypeOf<() => Promise<SignedUrl>>()
expectTypeOf(signed.consume).toEqualTypeOf<() => void>()
expectTypeOf(signed.refetch).toEqualTypeOf<() => Promise<void>>()
expectTypeOf<keyof UseSignedUrlResult>().toEqualTypeOf<
  'status' | 'url' | 'signedUrl' | 'error' | 'isFetching' | 'getUsableUrl' | 'fetchFresh' | 'consume' | 'refetch'
>()

// --- useLaunch -------------------------------------------------------------------------------------------

expectTypeOf(useLaunch).parameters.toEqualTypeOf<[target: Target, options?: UseLaunchOptions | undefined]>()
expectTypeOf(useLaunch).returns.toEqualTypeOf<UseLaunchResult>()

expectTypeOf<UseLaunchOptions>().toEqualTypeOf<{
  action?: LaunchAction | undefined
  openIn?: LaunchOpenIn | undefined
  prefetch?: LaunchPrefetch | undefined
  onLaunch?: ((event: LaunchEvent) => void) | undefined
  onError?: ((error: EmbedError) => void) | undefined
  messages?: Partial<LaunchMessages> | undefined
}>()
expectTypeOf<LaunchAction>().toEqualTypeOf<'open' | 'copy'>()
expectTypeOf<LaunchOpenIn>().toEqualTypeOf<'new-tab' | 'same-tab'>()
expectTypeOf<LaunchPrefetch>().toEqualTypeOf<'intent' | 'render' | 'visible' | 'none'>()
expectTypeOf<LaunchState>().toEqualTypeOf<
  'idle' | 'loading' | 'ready' | 'opening' | 'blocked' | 'error' | 'demographics-required'
>()
expectTypeOf<LaunchEvent>().toEqualTypeOf<{
  action: LaunchAction
  via: 'direct' | 'placeholder' | 'same-tab' | 'link' | 'clipboard'
  requestId?: string | undefined
}>()

expectTypeOf<UseLaunchResult['status']>().toEqualTypeOf<LaunchState>()
expectTypeOf<Omit<UseLaunchResult, 'status' | 'error' | 'blockedUrl'>>().toEqualTypeOf<{
  manualCopyUrl: string | undefined
  announcement: string
  messages: LaunchMessages
  action: LaunchAction
  launch: () => void
  intent: () => void
  retry: () => void
  followLink: (event: { preventDefault(): void }) => void
  visibilityRef: (element: Element | null) => void
}>()
// One vocabulary with useSignedUrl and useDemographics: `status` discriminates, and narrows what comes with it.
declare const launch: UseLaunchResult
if (launch.status === 'error' || launch.status === 'demographics-required') {
  expectTypeOf(launch.error).toEqualTypeOf<EmbedError>()
} else {
  expectTypeOf(launch.error).toEqualTypeOf<null>()
}
if (launch.status === 'blocked') expectTypeOf(launch.blockedUrl).toEqualTypeOf<string>()
else expectTypeOf(launch.blockedUrl).toEqualTypeOf<undefined>()
// The prefetch policy is an input, not part of the result.
expectTypeOf<UseLaunchResult>().not.toHaveProperty('prefetch')

// --- useDemographics -------------------------------------------------------------------------------------

expectTypeOf(useDemographics).parameters.toEqualTypeOf<[subject?: string | undefined]>()
expectTypeOf(useDemographics).returns.toEqualTypeOf<UseDemographicsResult>()

expectTypeOf<UseDemographicsResult['status']>().toEqualTypeOf<'loading' | 'ready' | 'error'>()
expectTypeOf<UseDemographicsResult['isSaving']>().toEqualTypeOf<boolean>()
expectTypeOf<UseDemographicsResult['refetch']>().toEqualTypeOf<() => void>()
// A discriminated union, as useSignedUrl's: the status tells what else is there.
declare const state: UseDemographicsResult
if (state.status === 'error') expectTypeOf(state.error).toEqualTypeOf<EmbedError>()
if (state.status === 'ready') {
  expectTypeOf(state.error).toEqualTypeOf<null>()
  expectTypeOf(state.demographics).toEqualTypeOf<Demographics | null>()
}
if (state.status === 'loading') expectTypeOf(state.demographics).toEqualTypeOf<null>()
expectTypeOf<UseDemographicsResult['save']>().parameters.toEqualTypeOf<[demographics: Demographics]>()
expectTypeOf<UseDemographicsResult['save']>().returns.resolves.toEqualTypeOf<DemographicsResponse>()
expectTypeOf<DemographicsResponse>().toEqualTypeOf<{ demographics: Demographics | null; missing: string[] }>()

declare const info: UseDemographicsResult
// @ts-expect-error `missing` is read-only
info.missing.push('dob')
// @ts-expect-error `save` takes the whole record (`PUT`), not a patch
void info.save({ first_name: 'Ada' })
