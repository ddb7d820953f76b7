import type { TargetKind } from '../core/target.js'
import type { Answer, ProbeLog, ProbeRequest, ProbeSettings } from './probe.js'

/** A rule's verdict: what it checked, and what it saw. */
export interface RuleResult {
  rule: string
  /** False when the endpoint broke the rule; true when it kept it, or when the rule did not apply. */
  passed: boolean
  /** What the endpoint answered, in a few words (URLs cut to their origin); for a failure, what was expected too. */
  saw: string
  /** Set when the rule did not apply to this run (`saw` says why): it was not checked. */
  skipped?: true
  /** For a failure whose cause is likely the command line or the test user: what to change. */
  hint?: string
}

/** A rule the endpoint broke: its message says what was expected and what came instead. */
export class RuleFailure extends Error {
  override readonly name = 'RuleFailure'
}

/** A rule that does not apply to this run (a flag left it out, the endpoint serves no such route). */
export class NotApplicable extends Error {
  override readonly name = 'NotApplicable'
}

/** What the run was asked to check. */
export interface RunScope {
  targets: readonly TargetKind[]
  demographics: boolean
  slow: boolean
}

export interface RuleContext {
  settings: ProbeSettings
  scope: RunScope
  log: ProbeLog
  /** Every URL handed out so far: none may show up in an error message. */
  issued: string[]
  /** The required fields the test user lacked when the run began, as `GET /demographics` said. */
  missingAtStart?: string[]
  send: (request: ProbeRequest) => Promise<Answer>
}

export interface Rule {
  id: string
  /** Checks, and returns what it saw; throws `RuleFailure` (or `NoAnswer`, `NotApplicable`). */
  run: (context: RuleContext) => Promise<string>
}

/** Throws the problem as a `RuleFailure`, if there is one. */
export function check(problem: string | null): void {
  if (problem !== null) throw new RuleFailure(problem)
}

/** A target of each kind, as simple as the kind allows: what a host that supports it must sign. */
export const SAMPLE_TARGETS: Record<TargetKind, Record<string, string>> = {
  'junction.user_portal': { kind: 'junction.user_portal', context: 'launch' },
  'junction.dashboard': {
    kind: 'junction.dashboard',
    feature: 'order_creation',
    modality: 'feature_embed',
    environment: 'sandbox',
  },
  'userhub.portal': { kind: 'userhub.portal' },
}

/** An optional field of each kind, to send as `null`. */
export const OPTIONAL_FIELDS: Record<TargetKind, string> = {
  'junction.user_portal': 'order_id',
  'junction.dashboard': 'member_id',
  'userhub.portal': 'organization_id',
}

/** The target the request rules send: one of the first kind the host supports. */
export function firstTarget(context: RuleContext): { kind: TargetKind; target: Record<string, string> } {
  const kind = context.scope.targets[0] ?? 'junction.user_portal'
  return { kind, target: SAMPLE_TARGETS[kind] }
}

/** Another site's page, as a browser announces it. */
export const CROSS_SITE = { origin: 'https://cross-site.conformance.invalid', 'sec-fetch-site': 'cross-site' }

/** The headers a browser sends with a write from the page that calls the endpoint. */
export function sameOrigin(context: RuleContext): Record<string, string> {
  return { origin: context.settings.origin, 'sec-fetch-site': 'same-origin' }
}
