export type {
  EndpointHandlers,
  EndpointHandlersOptions,
  RecordedSignedUrlRequest,
  SignedUrlScenario,
} from './endpointHandlers'
export { endpointHandlers } from './endpointHandlers'
