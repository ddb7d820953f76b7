import { hashKey } from '@tanstack/react-query'
import { type CSSProperties, forwardRef, type ReactNode, type Ref, useEffect, useMemo, useRef } from 'react'
import { warnDetail } from '../core/dev-warnings.js'
import { EmbedError } from '../core/errors.js'
import type { JunctionDashboardFeature, JunctionDashboardTarget } from '../core/target.js'
import { assertSafeUrl } from '../core/url-safety.js'
import type { LaunchEvent } from '../launch/PortalLaunchButton.js'
import { PortalLaunchButton } from '../launch/PortalLaunchButton.js'
import { useEmbedContext } from '../provider/context.js'
import { type DashboardEmbedHandle, DashboardFrame } from './DashboardFrame.js'
import { fastLaunchUrl, junctionDashboardOrigin } from './fastLaunch.js'
import type { DashboardMessage, OrderCreatedEvent, OrderCreationCancelledEvent } from './junctionMessages.js'
import { type DashboardEmbedMessages, DEFAULT_DASHBOARD_MESSAGES, defaultFrameTitle } from './messages.js'

export type { DashboardEmbedHandle } from './DashboardFrame.js'

/** Junction's default sandbox: the dashboard's scripts, forms, popups and downloads, never the host's top window. */
export const DEFAULT_DASHBOARD_SANDBOX =
  'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads allow-modals'
export const DEFAULT_DASHBOARD_ALLOW = 'clipboard-write'
/** Junction's proportions: full width, 800 px high. */
export const DEFAULT_DASHBOARD_HEIGHT = 800
export const DEFAULT_LOAD_TIMEOUT_MS = 20_000

/** Who the dashboard is for: a Junction member uuid or the host's own member id, never both. */
export type DashboardMemberProps =
  | { /** Junction member uuid. */ memberId?: string | undefined; integrationMemberId?: undefined }
  | { memberId?: undefined /** The host's own member id. */; integrationMemberId?: string | undefined }

/** Which team: a Junction team uuid or the host's own team id, never both. */
export type DashboardTeamProps =
  | { /** Junction team uuid. */ teamId?: string | undefined; integrationTeamId?: undefined }
  | { teamId?: undefined /** The host's own team id. */; integrationTeamId?: string | undefined }

/** Where the URL comes from. */
export type DashboardStrategyProps =
  | {
      /** `'signed-url'` (default): the host's endpoint signs a URL for each load. */
      strategy?: 'signed-url' | undefined
      slug?: undefined
      fastLaunchOrigin?: undefined
    }
  | {
      /** `'fast-launch'`: Junction's Fast Launch URL; the server's session-continuation route signs. Nothing is fetched here. */
      strategy: 'fast-launch'
      /** The organisation's slug, as in `https://{slug}.ehr.junction.com`. */
      slug: string
      /** Another origin than `https://{slug}.ehr.junction.com` (simulators, staging). Must pass the provider's URL rules. */
      fastLaunchOrigin?: string | undefined
    }

export interface DashboardEmbedBaseProps {
  /** The dashboard feature: `order_creation`, `order_creation:{user_id}`, `order:{order_id}`, `team_panels`, `team_config`. */
  feature: JunctionDashboardFeature
  /** `feature_embed`: in an iframe here. `link_out`: a button that opens it in a new tab. */
  modality: 'feature_embed' | 'link_out'
  environment: 'production' | 'sandbox'
  /** The frame's accessible title. Default from the feature, such as "Junction Dashboard: Order creation". */
  title?: string | undefined
  /** Default 20 000. After it, the embed shows why a frame may not load, with a retry. */
  loadTimeoutMs?: number | undefined
  /** The iframe's sandbox. Default {@link DEFAULT_DASHBOARD_SANDBOX}. */
  sandbox?: string | undefined
  /** The iframe's permissions policy. Default `clipboard-write`. */
  allow?: string | undefined
  /** Default `strict-origin`: Junction needs the origin, and the page's path never leaves. */
  referrerPolicy?: React.HTMLAttributeReferrerPolicy | undefined
  /** Frame height (a number is pixels). Default 800. */
  height?: number | string | undefined
  /** Fetch and load only when the embed comes near the viewport. */
  lazy?: boolean | undefined
  /** Never frame a URL with less than this left. Default 10 000 ms. */
  minRemainingMs?: number | undefined
  /** Shown until the frame has loaded. Default: "Loading the dashboard…" as a status. */
  placeholder?: ReactNode
  /** Texts to override. */
  messages?: Partial<DashboardEmbedMessages> | undefined
  className?: string | undefined
  style?: CSSProperties | undefined
  /** The frame loaded (`feature_embed`). */
  onLoad?: (() => void) | undefined
  /** Every error, once: a link that could not be had, a load timeout, invalid props. */
  onError?: ((error: EmbedError) => void) | undefined
  /** An order was placed in the dashboard (`urn:junction:order:created`). */
  onOrderCreated?: ((event: OrderCreatedEvent) => void) | undefined
  /** Order creation was left (`urn:junction:order:creation_cancelled`). */
  onOrderCreationCancelled?: ((event: OrderCreationCancelledEvent) => void) | undefined
  /** Every message accepted from the frame (right window, right origin, `{type, data}`). */
  onMessage?: ((message: DashboardMessage) => void) | undefined
  /** `link_out`: after the dashboard opened. */
  onLaunch?: ((event: LaunchEvent) => void) | undefined
  /** `link_out`: the button's content. Default "Open dashboard". */
  children?: ReactNode
}

export type DashboardEmbedProps = DashboardEmbedBaseProps &
  DashboardMemberProps &
  DashboardTeamProps &
  DashboardStrategyProps

function targetOf(props: DashboardEmbedProps): JunctionDashboardTarget {
  return {
    kind: 'junction.dashboard',
    feature: props.feature,
    modality: props.modality,
    environment: props.environment,
    member_id: props.memberId,
    integration_member_id: props.integrationMemberId,
    team_id: props.teamId,
    integration_team_id: props.integrationTeamId,
  }
}

interface Resolved {
  target: JunctionDashboardTarget
  fixedUrl: { src: string; origin: string } | null
  invalid: EmbedError | null
}

/**
 * The target, and for Fast Launch the URL built here and checked like a signed one. The target itself
 * is the server's to check (its types already keep each id pair exclusive).
 */
function resolve(props: DashboardEmbedProps, policy: Parameters<typeof assertSafeUrl>[1]): Resolved {
  const target = targetOf(props)
  if (props.strategy !== 'fast-launch') return { target, fixedUrl: null, invalid: null }
  try {
    const origin = props.fastLaunchOrigin
      ? new URL(assertSafeUrl(props.fastLaunchOrigin, policy)).origin
      : junctionDashboardOrigin(props.slug)
    const src = assertSafeUrl(fastLaunchUrl(origin, target), policy)
    return { target, fixedUrl: { src, origin }, invalid: null }
  } catch (error) {
    return {
      target,
      fixedUrl: null,
      invalid: error instanceof EmbedError ? error : new EmbedError('validation_error', String(error)),
    }
  }
}

/**
 * The Junction Dashboard (Connect): `feature_embed` frames it here, `link_out` is a button that opens it
 * in a new tab, popup-safe. The frame loads with a fresh URL, never reloads on a background refresh,
 * listens only to its own window at the signed URL's origin, and explains itself when it cannot load.
 * A ref gives `reload()`. `data-state` on the root tells its state.
 */
export const DashboardEmbed = forwardRef(function DashboardEmbed(
  props: DashboardEmbedProps,
  ref: Ref<DashboardEmbedHandle>,
) {
  const { config } = useEmbedContext('DashboardEmbed')
  const key = hashKey([targetOf(props), props.strategy, props.slug, props.fastLaunchOrigin])
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the content of everything resolve reads from props
  const resolved = useMemo(() => resolve(props, config), [key, config])
  const messages = props.messages ? { ...DEFAULT_DASHBOARD_MESSAGES, ...props.messages } : DEFAULT_DASHBOARD_MESSAGES

  if (props.modality === 'link_out') {
    return <DashboardLinkOut props={props} resolved={resolved} label={props.children ?? messages.open} />
  }
  return (
    <DashboardFrame
      ref={ref}
      target={resolved.target}
      fixedUrl={resolved.fixedUrl}
      invalid={resolved.invalid}
      title={props.title ?? defaultFrameTitle(props.feature)}
      sandbox={props.sandbox ?? DEFAULT_DASHBOARD_SANDBOX}
      allow={props.allow ?? DEFAULT_DASHBOARD_ALLOW}
      referrerPolicy={props.referrerPolicy ?? 'strict-origin'}
      height={props.height ?? DEFAULT_DASHBOARD_HEIGHT}
      lazy={props.lazy ?? false}
      minRemainingMs={props.minRemainingMs}
      loadTimeoutMs={props.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS}
      placeholder={props.placeholder ?? <span role="status">{messages.loading}</span>}
      messages={messages}
      className={props.className}
      style={props.style}
      onLoad={props.onLoad}
      onError={props.onError}
      onOrderCreated={props.onOrderCreated}
      onOrderCreationCancelled={props.onOrderCreationCancelled}
      onMessage={props.onMessage}
    />
  )
})
DashboardEmbed.displayName = 'DashboardEmbed'

/** `link_out`: the launch button on a signed URL, or a plain link to Fast Launch (nothing to fetch). */
function DashboardLinkOut({
  props,
  resolved,
  label,
}: {
  props: DashboardEmbedProps
  resolved: Resolved
  label: ReactNode
}) {
  const onError = useRef(props.onError)
  onError.current = props.onError
  useEffect(() => {
    if (resolved.invalid) {
      warnDetail(resolved.invalid)
      onError.current?.(resolved.invalid)
    }
  }, [resolved.invalid])
  if (resolved.invalid) {
    return (
      <span role="alert" data-embedded-portals="error" data-state="error" className={props.className}>
        {resolved.invalid.message}
      </span>
    )
  }
  if (resolved.fixedUrl) {
    return (
      <a
        href={resolved.fixedUrl.src}
        target="_blank"
        rel="noopener noreferrer"
        data-state="ready"
        className={props.className}
        style={props.style}
        onClick={() => props.onLaunch?.({ action: 'open', via: 'link' })}
      >
        {label}
      </a>
    )
  }
  return (
    <PortalLaunchButton
      target={resolved.target}
      className={props.className}
      style={props.style}
      onLaunch={props.onLaunch}
      onError={props.onError}
    >
      {label}
    </PortalLaunchButton>
  )
}
