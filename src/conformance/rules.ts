import type { TargetKind } from '../core/target.js'
import type { Rule, RunScope } from './rule.js'
import { errorCodes, jsonHeaders, noSecrets, noStore, withinTimeout } from './rules/answers.js'
import {
  contentType,
  invalidJson,
  invalidTarget,
  invalidUtf8,
  notAnObject,
  nullField,
  slowBody,
  tooLarge,
  unknownMember,
} from './rules/bodies.js'
import { crossSiteDemographics, crossSiteSignedUrl } from './rules/csrf.js'
import { demographicsRequired, demographicsSubject, readDemographics, saveDemographics } from './rules/demographics.js'
import { headAndOptions, pathIds, unknownRoute, wrongMethod } from './rules/routes.js'
import { signedUrlRule } from './rules/signedUrl.js'

/**
 * The rules for a host that supports `scope.targets` (and demographics, unless left out), in the order they
 * run: each a MUST of docs/wire-protocol.md, whose list of rules is this one.
 */
export function conformanceRules(scope: RunScope): Rule[] {
  const portal = scope.targets.includes('junction.user_portal' satisfies TargetKind)
  return [
    ...(scope.demographics
      ? [readDemographics, ...(portal ? [demographicsRequired] : []), saveDemographics, demographicsSubject]
      : []),
    ...scope.targets.map(signedUrlRule),
    invalidTarget,
    nullField,
    unknownMember,
    invalidJson,
    invalidUtf8,
    notAnObject,
    contentType,
    tooLarge,
    slowBody,
    unknownRoute,
    wrongMethod,
    headAndOptions,
    pathIds,
    crossSiteSignedUrl,
    ...(scope.demographics ? [crossSiteDemographics] : []),
    noStore,
    jsonHeaders,
    errorCodes,
    noSecrets,
    withinTimeout,
  ]
}
