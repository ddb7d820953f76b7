import type { TargetKind } from '../core/target.js'
import { hintFor } from './hints.js'
import { NoAnswer, type ProbeLog, type ProbeSettings, probe } from './probe.js'
import { NotApplicable, type RuleContext, RuleFailure, type RuleResult, type RunScope } from './rule.js'
import { conformanceRules } from './rules.js'

export interface ConformanceOptions {
  /** The endpoint's URL, base path included: `https://ehr.example.com/api/portals`. No credentials in it. */
  endpoint: string
  /**
   * The `Origin` a browser sends with writes: the origin of the page that calls the endpoint. Default: the
   * endpoint's own origin (right when `endpoint` is the URL browsers use).
   */
  origin?: string | undefined
  /** Sent with every request: the session of a test user, say (`['Cookie', 'session=…']`). */
  headers?: readonly (readonly [string, string])[] | undefined
  /** The target kinds the host supports. Default `['junction.user_portal']`. */
  targets?: readonly TargetKind[] | undefined
  /** Reads and saves demographics (made-up ones, on the test user). Default true. */
  demographics?: boolean | undefined
  /** Runs the rules that must wait (a body that never finishes: 10 s for its 408). Default false. */
  slow?: boolean | undefined
  /** The client's timeout, in ms. Default 15 000, as `<EmbedProvider>`'s `timeoutMs`. */
  timeoutMs?: number | undefined
  fetch?: typeof fetch | undefined
}

/** Drives a running endpoint as the components would, and says for each rule whether it holds. */
export async function runConformance(options: ConformanceOptions): Promise<RuleResult[]> {
  const log: ProbeLog = { answers: [] }
  const endpoint = options.endpoint.replace(/\/+$/, '')
  const settings: ProbeSettings = {
    endpoint,
    origin: options.origin ?? new URL(endpoint).origin,
    headers: options.headers ?? [],
    timeoutMs: options.timeoutMs ?? 15_000,
    fetch: options.fetch ?? globalThis.fetch,
  }
  const scope: RunScope = {
    targets: options.targets ?? ['junction.user_portal'],
    demographics: options.demographics ?? true,
    slow: options.slow ?? false,
  }
  const context: RuleContext = {
    settings,
    scope,
    log,
    issued: [],
    send: (request) => probe(settings, log, request),
  }
  const results: RuleResult[] = []
  for (const rule of conformanceRules(scope)) {
    const first = log.answers.length
    try {
      results.push({ rule: rule.id, passed: true, saw: await rule.run(context) })
    } catch (error) {
      if (error instanceof NotApplicable) {
        results.push({ rule: rule.id, passed: true, skipped: true, saw: error.message })
        continue
      }
      if (!(error instanceof RuleFailure || error instanceof NoAnswer)) throw error
      const hint = hintFor(log.answers.slice(first), scope, settings.origin)
      results.push({ rule: rule.id, passed: false, saw: error.message, ...(hint ? { hint } : {}) })
    }
  }
  return results
}
