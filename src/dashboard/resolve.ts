import { type EmbedError, isEmbedError } from '../core/errors.js'
import type { JunctionDashboardTarget } from '../core/target.js'
import { assertSafeUrl, type UrlPolicy } from '../core/urlSafety.js'
import { fastLaunchUrl, junctionDashboardOrigin } from './fastLaunch.js'
import type { DashboardEmbedMessages } from './messages.js'
import type { DashboardEmbedProps, DashboardStrategyProps } from './types.js'

/** What the props stand for; the target itself is the server's to check. */
export interface ResolvedDashboard {
  target: JunctionDashboardTarget
  /** Fast Launch: the URL built here, framed or linked to instead of a signed one. */
  fixedUrl?: string
  /** Invalid props (a bad slug, a refused Fast Launch origin): shown instead of loading anything. */
  invalid?: EmbedError
}

/** What `<DashboardEmbed>` hands the view of its modality: its props, resolved, and its texts. */
export interface DashboardViewProps extends ResolvedDashboard {
  props: DashboardEmbedProps
  messages: DashboardEmbedMessages
}

/** What the URL is resolved from: the target, and how the URL is had. */
export type DashboardSource = DashboardStrategyProps & { target: JunctionDashboardTarget }

function targetOf(props: DashboardEmbedProps): JunctionDashboardTarget {
  return {
    kind: 'junction.dashboard',
    member_id: props.memberId,
    integration_member_id: props.integrationMemberId,
    team_id: props.teamId,
    integration_team_id: props.integrationTeamId,
    modality: props.modality,
    feature: props.feature,
    environment: props.environment,
  }
}

/** The props that decide the URL, and nothing else (no callbacks, no children). */
export function sourceOf(props: DashboardEmbedProps): DashboardSource {
  const target = targetOf(props)
  return props.strategy === 'fast-launch'
    ? { target, strategy: 'fast-launch', slug: props.slug, fastLaunchOrigin: props.fastLaunchOrigin }
    : { target }
}

/** The target, and for Fast Launch the URL on an origin checked like a signed URL's. */
export function resolveDashboard(source: DashboardSource, policy: UrlPolicy): ResolvedDashboard {
  const { target } = source
  if (source.strategy !== 'fast-launch') return { target }
  try {
    const origin = assertSafeUrl(source.fastLaunchOrigin || junctionDashboardOrigin(source.slug), policy)
    return { target, fixedUrl: fastLaunchUrl(origin, target) }
  } catch (error) {
    // Both checks throw only `EmbedError`s (the provider has already checked its `allowedOrigins`).
    if (!isEmbedError(error)) throw error
    return { target, invalid: error }
  }
}
