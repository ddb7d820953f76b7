export type { EmbedErrorCode, EmbedFieldError } from '../core/errors'
export { EmbedError, isEmbedError } from '../core/errors'
export type {
  JunctionDashboardTarget,
  JunctionUserPortalTarget,
  Target,
  TargetValidation,
  UserhubPortalTarget,
} from '../core/target'
export { validateTarget } from '../core/target'
export type { UrlPolicy } from '../core/url-safety'
export { assertSafeUrl, isSafeUrl } from '../core/url-safety'
