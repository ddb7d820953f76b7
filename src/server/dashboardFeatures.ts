import type { JunctionDashboardTarget } from '../core/target.js'
import type { ContinuationPolicy } from './options.js'

/** Junction Connect's features: what a dashboard may open unless `continuation.features` says otherwise. */
const KNOWN_FEATURES: readonly (string | RegExp)[] = [
  'order_creation',
  /^order_creation:[A-Za-z0-9._-]+$/,
  /^order:[A-Za-z0-9._-]+$/,
  'team_panels',
  'team_config',
]

/** Whether the continuation policy's `features` (the known features by default) list this one. */
export function featureAllowed(feature: string, policy: ContinuationPolicy | undefined): boolean {
  return (policy?.features ?? KNOWN_FEATURES).some((f) => (typeof f === 'string' ? f === feature : f.test(feature)))
}

/** Whether the continuation policy allows the whole target: its feature, modality and environment. */
export function continuationAllows(target: JunctionDashboardTarget, policy: ContinuationPolicy | undefined): boolean {
  const modalityOk = (policy?.modalities ?? ['feature_embed', 'link_out']).includes(target.modality)
  const environmentOk = (policy?.environments ?? ['production', 'sandbox']).includes(target.environment)
  return featureAllowed(target.feature, policy) && modalityOk && environmentOk
}
