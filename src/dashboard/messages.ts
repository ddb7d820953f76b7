/** Every text `<DashboardEmbed>` shows; override any of them (i18n). */
export interface DashboardEmbedMessages {
  /** Shown (politely announced) while the dashboard loads. */
  loading: string
  /** Heading of the error shown when the frame did not load within `loadTimeoutMs`. */
  timeout: string
  /** The likely causes of a timeout, one per item. */
  timeoutCauses: readonly string[]
  /** Heading of the error shown when no dashboard link could be had. */
  failed: string
  /** The retry button. */
  retry: string
  /** Label of the `link_out` button. */
  open: string
  /** Shown when the patient's demographics are missing and no `<DemographicsGate>` takes over. */
  demographicsRequired: string
}

export const DEFAULT_DASHBOARD_MESSAGES: DashboardEmbedMessages = {
  loading: 'Loading the dashboard…',
  timeout: 'The dashboard did not load.',
  timeoutCauses: [
    'This site’s origin may not be on the organisation’s allowed origins in Junction.',
    'This site’s content-security policy may not allow the dashboard in a frame (frame-src).',
    'The network may be slow or offline.',
  ],
  failed: 'The dashboard could not be opened.',
  retry: 'Try again',
  open: 'Open dashboard',
  demographicsRequired: 'The patient’s details must be completed before the dashboard can open.',
}

const FEATURE_TITLES: Record<string, string> = {
  order_creation: 'Order creation',
  order: 'Order',
  team_panels: 'Team panels',
  team_config: 'Team configuration',
}

/** The frame's default accessible title, from the feature: "Junction Dashboard: Order creation". */
export function defaultFrameTitle(feature: string): string {
  const base = feature.split(':', 1)[0] ?? feature
  return `Junction Dashboard: ${FEATURE_TITLES[base] ?? base.replaceAll('_', ' ')}`
}
