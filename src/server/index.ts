export type { Demographics, DemographicsAddress, MedicalProxy, RequiredDemographicField } from '../core/demographics.js'
export { missingDemographics, REQUIRED_DEMOGRAPHIC_FIELDS } from '../core/demographics.js'
export type { EmbedErrorCode, EmbedErrorOptions, EmbedFieldError, WireErrorCode } from '../core/errors.js'
export { EmbedError, isEmbedError } from '../core/errors.js'
export type {
  PortalCreateRequest,
  PortalResponse,
  PortalUpdateRequest,
  PortalUserInvite,
  PortalUserInviteRequest,
  PortalUserInviteResponse,
  PortalUserInviteResult,
  PortalUserInviteStatus,
  PortalUserResponse,
  PortalUserStatus,
} from '../core/portalAdmin.js'
export type {
  JunctionDashboardFeature,
  JunctionDashboardTarget,
  JunctionUserPortalTarget,
  Target,
  UserhubPortalTarget,
} from '../core/target.js'
export type { UrlPolicy } from '../core/urlSafety.js'
export { assertSafeUrl, DEFAULT_VENDOR_URL_ORIGINS, isSafeUrl } from '../core/urlSafety.js'
export { defaultAuthorize } from './authorize.js'
export type { JunctionClient, JunctionOptions, JunctionPortalUrl, JunctionUser } from './clients/junction.js'
export { createJunctionClient, junctionBaseUrl } from './clients/junction.js'
export type {
  CreateDashboardUrlBody,
  JunctionManagementClient,
  JunctionManagementOptions,
} from './clients/junctionManagement.js'
export { createJunctionManagementClient } from './clients/junctionManagement.js'
export type { PortalAdminClient, PortalAdminOptions } from './clients/portalAdmin.js'
export { createPortalAdminClient } from './clients/portalAdmin.js'
export type { UserhubClient, UserhubOptions, UserhubPortalSessionRequest } from './clients/userhub.js'
export { createUserhubClient } from './clients/userhub.js'
export type {
  VendorCallInfo,
  VendorCallObserver,
  VendorCallOutcome,
  VendorFailure,
  VendorHttpOptions,
  VendorName,
} from './clients/vendorFetch.js'
export { VendorError } from './clients/vendorFetch.js'
export type { EmbedHandler } from './createEmbedHandler.js'
export { createEmbedHandler } from './createEmbedHandler.js'
export type {
  AdminOperation,
  AuditDecision,
  AuditEvent,
  AuditSink,
  AuthorizeContext,
  ContinuationPolicy,
  DashboardIdentity,
  EmbedAction,
  EmbedHandlerOptions,
  ResolvedUser,
  ResolveUserContext,
  UserStore,
} from './options.js'
export type { TargetValidation } from './targetValidation.js'
export { validateTarget } from './targetValidation.js'
export type { EmbedLogger } from './types.js'
export { memoryUserStore } from './userStore.js'
