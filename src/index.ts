'use client'

export type { InviteOutcome } from './admin/InviteBox.js'
export type { InviteCounts, PortalUsersManagerMessages } from './admin/messages.js'
export { DEFAULT_PORTAL_USERS_MESSAGES } from './admin/messages.js'
export type { PortalUserRowRenderProps } from './admin/PortalUserRow.js'
export type { PortalUsersManagerProps } from './admin/PortalUsersManager.js'
export { DEFAULT_PORTAL_USERS_PAGE_SIZE, PortalUsersManager } from './admin/PortalUsersManager.js'
export type { PortalUsersQueryOptions } from './admin/portalUsersQuery.js'
export { portalQueryKey, portalUsersQueryKey, portalUsersQueryOptions } from './admin/portalUsersQuery.js'
export type { DeletePortalVariables } from './admin/usePortalMutations.js'
export { useCreatePortal, useDeletePortal, useUpdatePortal } from './admin/usePortalMutations.js'
export { useInvitePortalUsers, useRemovePortalUser } from './admin/usePortalUserMutations.js'
export { usePortalUsers } from './admin/usePortalUsers.js'
export type { Demographics, DemographicsAddress, MedicalProxy } from './core/demographics.js'
export { REQUIRED_DEMOGRAPHIC_FIELDS } from './core/demographics.js'
export type { DemographicsResponse } from './core/demographicsClient.js'
export type { EmbedErrorCode, EmbedErrorOptions, EmbedFieldError } from './core/errors.js'
export { EmbedError, isEmbedError } from './core/errors.js'
export type { SignedUrl } from './core/lifecycle.js'
export {
  MAX_REFRESH_MARGIN_MS,
  MIN_REFRESH_INTERVAL_MS,
  MIN_REMAINING_MS,
  SINGLE_USE_LIFETIME_MS,
} from './core/lifecycle.js'
export type {
  PortalCreateRequest,
  PortalResponse,
  PortalUpdateRequest,
  PortalUserInvite,
  PortalUserInviteResponse,
  PortalUserInviteResult,
  PortalUserInviteStatus,
  PortalUserResponse,
  PortalUserStatus,
} from './core/portalAdmin.js'
export { isEmbedSecretQuery } from './core/queryMeta.js'
export type {
  JunctionDashboardFeature,
  JunctionDashboardTarget,
  JunctionUserPortalTarget,
  Target,
  UserhubPortalTarget,
} from './core/target.js'

export type { UrlPolicy } from './core/urlSafety.js'
export { DEFAULT_VENDOR_URL_ORIGINS } from './core/urlSafety.js'
export type { EmbedClientConfig, EmbedHeaders } from './core/wireClient.js'
export type { DashboardEmbedHandle } from './dashboard/DashboardEmbed.js'
export {
  DashboardEmbed,
  DEFAULT_DASHBOARD_ALLOW,
  DEFAULT_DASHBOARD_HEIGHT,
  DEFAULT_DASHBOARD_SANDBOX,
  DEFAULT_LOAD_TIMEOUT_MS,
} from './dashboard/DashboardEmbed.js'
export type { DashboardEmbedMessages } from './dashboard/messages.js'
export { DEFAULT_DASHBOARD_MESSAGES } from './dashboard/messages.js'
export type {
  DashboardEmbedBaseProps,
  DashboardEmbedProps,
  DashboardMemberProps,
  DashboardMessage,
  DashboardStrategyProps,
  DashboardTeamProps,
  OrderCreatedEvent,
  OrderCreationCancelledEvent,
} from './dashboard/types.js'
export type { DemographicsFormRenderProps, DemographicsFormStatus } from './demographics/DemographicsForm.js'
export type { DemographicsGateProps } from './demographics/DemographicsGate.js'
export { DemographicsGate } from './demographics/DemographicsGate.js'
export type { DemographicsQueryOptions } from './demographics/demographicsQuery.js'
export { demographicsQueryKey, demographicsQueryOptions } from './demographics/demographicsQuery.js'
export type {
  DemographicsFormPath,
  DemographicsFormValues,
  OptionalDemographicsField,
} from './demographics/formValues.js'
export { DEMOGRAPHICS_FORM_PATHS } from './demographics/formValues.js'
export type { DemographicsGateMessages } from './demographics/messages.js'
export { DEFAULT_DEMOGRAPHICS_MESSAGES } from './demographics/messages.js'
export type { DemographicsActions, UseDemographicsResult } from './demographics/useDemographics.js'
export { useDemographics } from './demographics/useDemographics.js'
export type { LaunchMessages } from './launch/messages.js'
export { DEFAULT_LAUNCH_MESSAGES } from './launch/messages.js'
export type { PortalLaunchButtonProps } from './launch/PortalLaunchButton.js'
export { PortalLaunchButton } from './launch/PortalLaunchButton.js'
export type {
  LaunchAction,
  LaunchControls,
  LaunchEvent,
  LaunchOpenIn,
  LaunchPrefetch,
  LaunchState,
  UseLaunchOptions,
  UseLaunchResult,
} from './launch/useLaunch.js'
export { useLaunch } from './launch/useLaunch.js'
export type { EmbedProviderProps } from './provider/EmbedProvider.js'
export { EmbedProvider } from './provider/EmbedProvider.js'
export type { SignedUrlActions } from './signedUrl/signedUrlActions.js'
export type { SignedUrlQueryOptions } from './signedUrl/signedUrlQueryOptions.js'
export { signedUrlQueryKey, signedUrlQueryOptions } from './signedUrl/signedUrlQueryOptions.js'
export type { SignedUrlState, UseSignedUrlOptions, UseSignedUrlResult } from './signedUrl/useSignedUrl.js'
export { useSignedUrl } from './signedUrl/useSignedUrl.js'
