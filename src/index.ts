'use client'

export type { EmbedErrorCode, EmbedFieldError } from './core/errors'
export { EmbedError, isEmbedError } from './core/errors'
export type { SignedUrl } from './core/lifecycle'
export {
  MAX_REFRESH_MARGIN_MS,
  MIN_REFRESH_INTERVAL_MS,
  MIN_REMAINING_MS,
  SINGLE_USE_LIFETIME_MS,
} from './core/lifecycle'
export { isEmbedSecretQuery } from './core/query-meta'
export type {
  JunctionDashboardFeature,
  JunctionDashboardTarget,
  JunctionUserPortalTarget,
  Target,
  UserhubPortalTarget,
} from './core/target'
export type { EmbedClientConfig, EmbedHeaders } from './core/wire-client'
export type { EmbedProviderProps } from './provider/EmbedProvider'
export { EmbedProvider } from './provider/EmbedProvider'
export { signedUrlQueryKey, signedUrlQueryOptions } from './signed-url/signedUrlQueryOptions'
export type { UseSignedUrlOptions, UseSignedUrlResult } from './signed-url/useSignedUrl'
export { useSignedUrl } from './signed-url/useSignedUrl'
