/** The Junction User Portal of one patient: `launch` to open it now, `communications` for a long-lived link to send. */
export interface JunctionUserPortalTarget {
  kind: 'junction.user_portal'
  context: 'launch' | 'communications'
  /** Deep-links the portal to this order (a uuid). */
  order_id?: string | undefined
  /** An opaque host identifier (a patient id); the host's server decides whether the caller may act for it. */
  subject?: string | undefined
}

/** The Junction Dashboard features Connect can open; any other string is passed through. */
export type JunctionDashboardFeature =
  | 'order_creation'
  | `order_creation:${string}`
  | `order:${string}`
  | 'team_panels'
  | 'team_config'
  | (string & {})

/** The Junction Dashboard (Connect), framed (`feature_embed`) or in a new tab (`link_out`). */
export interface JunctionDashboardTarget {
  kind: 'junction.dashboard'
  feature: JunctionDashboardFeature
  modality: 'feature_embed' | 'link_out'
  environment: 'production' | 'sandbox'
  /** Junction member uuid; exclusive with `integration_member_id`. */
  member_id?: string | undefined
  /** The host's own member id (at most 256 characters); exclusive with `member_id`. */
  integration_member_id?: string | undefined
  /** Junction team uuid; exclusive with `integration_team_id`. */
  team_id?: string | undefined
  /** The host's own team id (at most 256 characters); exclusive with `team_id`. */
  integration_team_id?: string | undefined
}

/** The UserHub billing portal of the signed-in user (or of an organisation). */
export interface UserhubPortalTarget {
  kind: 'userhub.portal'
  /** A portal path (`/{accountId}/plans`) or an absolute portal URL. */
  portal_url?: string | undefined
  /** Where the portal's "back" goes. */
  return_url?: string | undefined
  /** Where the portal goes after a completed action, such as a checkout. */
  success_url?: string | undefined
  /** Opens the organisation's portal instead of the user's. */
  organization_id?: string | undefined
}

/** What a signed URL is for: the `target` of the wire protocol (snake_case, as sent). */
export type Target = JunctionUserPortalTarget | JunctionDashboardTarget | UserhubPortalTarget

export type TargetKind = Target['kind']
