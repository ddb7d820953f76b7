export type {
  EndpointHandlers,
  EndpointHandlersOptions,
  RecordedSignedUrlRequest,
  SignedUrlScenario,
} from './endpointHandlers.js'
export { endpointHandlers } from './endpointHandlers.js'
