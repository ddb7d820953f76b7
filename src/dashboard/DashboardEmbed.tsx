import { hashKey } from '@tanstack/react-query'
import { type CSSProperties, forwardRef, type ReactNode, type Ref, useMemo } from 'react'
import type { EmbedError } from '../core/errors.js'
import type { JunctionDashboardFeature } from '../core/target.js'
import type { LaunchEvent } from '../launch/PortalLaunchButton.js'
import { useEmbedContext } from '../provider/context.js'
import { type DashboardEmbedHandle, DashboardFrame } from './DashboardFrame.js'
import { DashboardLinkOut } from './DashboardLinkOut.js'
import type { DashboardMessage, OrderCreatedEvent, OrderCreationCancelledEvent } from './junctionMessages.js'
import { type DashboardEmbedMessages, DEFAULT_DASHBOARD_MESSAGES } from './messages.js'
import { resolveDashboard, targetOf } from './resolve.js'

export type { DashboardEmbedHandle } from './DashboardFrame.js'
export {
  DEFAULT_DASHBOARD_ALLOW,
  DEFAULT_DASHBOARD_HEIGHT,
  DEFAULT_DASHBOARD_SANDBOX,
  DEFAULT_LOAD_TIMEOUT_MS,
} from './defaults.js'

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
  const resolved = useMemo(() => resolveDashboard(props, config), [key, config])
  const view = { props, ...resolved, messages: { ...DEFAULT_DASHBOARD_MESSAGES, ...props.messages } }
  return props.modality === 'link_out' ? <DashboardLinkOut {...view} /> : <DashboardFrame {...view} handle={ref} />
})
DashboardEmbed.displayName = 'DashboardEmbed'
