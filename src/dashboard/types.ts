// The embed's props and the messages it hands on, below the component and the modules that read them.
import type { CSSProperties, ReactNode } from 'react'
import type { EmbedError } from '../core/errors.js'
import type { JunctionDashboardFeature } from '../core/target.js'
import type { LaunchEvent } from '../launch/PortalLaunchButton.js'
import type { DashboardEmbedMessages } from './messages.js'

/** A message the Junction Dashboard posted to its parent, accepted from the embed's own frame. */
export interface DashboardMessage {
  /** Such as `urn:junction:order:created`. */
  type: string
  data: unknown
}

/** `urn:junction:order:created`: an order was placed in the embedded dashboard. */
export interface OrderCreatedEvent {
  orderId: string
  userId: string
  teamId: string
}

/** `urn:junction:order:creation_cancelled`: the user left order creation without placing one. */
export interface OrderCreationCancelledEvent {
  /** Null when no patient had been chosen yet. */
  userId: string | null
  teamId: string
}

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
