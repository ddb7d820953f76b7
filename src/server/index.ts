export type { EmbedErrorCode, EmbedFieldError } from '../core/errors.js'
export { EmbedError, isEmbedError } from '../core/errors.js'
export type {
  JunctionDashboardTarget,
  JunctionUserPortalTarget,
  Target,
  TargetValidation,
  UserhubPortalTarget,
} from '../core/target.js'
export { validateTarget } from '../core/target.js'
export type { UrlPolicy } from '../core/url-safety.js'
export { assertSafeUrl, isSafeUrl } from '../core/url-safety.js'
