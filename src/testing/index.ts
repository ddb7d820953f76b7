export type { Demographics, DemographicsAddress, MedicalProxy } from '../core/demographics.js'
export type { EmbedFieldError, WireErrorCode } from '../core/errors.js'
export type { PortalResponse, PortalUserResponse, PortalUserStatus } from '../core/portalAdmin.js'
export type {
  JunctionDashboardFeature,
  JunctionDashboardTarget,
  JunctionUserPortalTarget,
  Target,
  UserhubPortalTarget,
} from '../core/target.js'
export type { UrlPolicy } from '../core/urlSafety.js'
export type { JunctionOptions } from '../server/clients/junction.js'
export type { JunctionManagementOptions } from '../server/clients/junctionManagement.js'
export type { PortalAdminOptions } from '../server/clients/portalAdmin.js'
export type { UserhubOptions } from '../server/clients/userhub.js'
export type {
  VendorCallInfo,
  VendorCallObserver,
  VendorCallOutcome,
  VendorFailure,
  VendorHttpOptions,
  VendorName,
} from '../server/clients/vendorFetch.js'
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
} from '../server/options.js'
export type { EmbedLogger } from '../server/types.js'
export type {
  DemographicsSaveScenario,
  EndpointHandlers,
  EndpointHandlersOptions,
  RecordedDemographicsRequest,
  RecordedSignedUrlRequest,
  SignedUrlScenario,
} from './endpointHandlers.js'
export { endpointHandlers } from './endpointHandlers.js'
export type {
  PortalAdminFailure,
  PortalAdminHandlers,
  PortalAdminHandlersOptions,
  PortalAdminOperation,
  PortalAdminSeed,
  RecordedPortalAdminRequest,
} from './portalAdminHandlers.js'
export { portalAdminHandlers } from './portalAdminHandlers.js'
export { portalUsersFixture } from './portalUsersFixture.js'
export type { SimulatorHandlerOptions } from './simulator/handlerOptions.js'
export { simulatorHandlerOptions } from './simulator/handlerOptions.js'
export type {
  RunningSimulator,
  RunningSimulatorBaseUrls,
  SimulatorPeople,
  StartSimulatorOptions,
} from './simulator/http/startSimulator.js'
export { startSimulator } from './simulator/http/startSimulator.js'
export type { SeededData, SimulatorSeed } from './simulator/seed.js'
export { SAMPLE_DEMOGRAPHICS } from './simulator/seed.js'
export { createVendorSimulator } from './simulator/simulator.js'
export type {
  GlobalAccountRecord,
  IssuedTokenRecord,
  JunctionDashboardClaims,
  JunctionPortalClaims,
  JunctionUserRecord,
  RecordedVendorRequest,
  ResolvedBaseUrls,
  ResolvedKeys,
  SeedJunctionUserInput,
  SeedPortalInput,
  SeedPortalUser,
  SignedUrlClaims,
  SignedUrlMinting,
  SimulatedApi,
  SimulatedDemographics,
  SimulatedFailure,
  SimulatedFailureKind,
  SimulatorBaseUrls,
  SimulatorExpiresIn,
  SimulatorKeys,
  UnpublishedVendorBehaviour,
  UserhubSigninClaims,
  UserhubUserRecord,
  VendorSimulator,
  VendorSimulatorOptions,
  VendorSimulatorSettings,
  VendorSimulatorState,
} from './simulator/types.js'
export type { FakeTab, WindowOpenCall, WindowOpenStub } from './stubWindowOpen.js'
export { stubWindowOpen } from './stubWindowOpen.js'
