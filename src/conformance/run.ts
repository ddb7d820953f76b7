import type { TargetKind } from '../core/target.js'
import { NoAnswer, type ProbeLog, probe } from './probe.js'
import { conformanceRules, type RuleContext, RuleFailure, type RuleResult } from './rules.js'

export interface ConformanceOptions {
  /** The endpoint's URL, base path included: `https://ehr.example.com/api/portals`. */
  endpoint: string
  /** Sent with every request: the session of a test user, say (`['Cookie', 'session=…']`). */
  headers?: readonly (readonly [string, string])[] | undefined
  /** The target kinds the host supports. Default `['junction.user_portal']`. */
  targets?: readonly TargetKind[] | undefined
  /** Reads and saves demographics (made-up ones, on the test user). Default true. */
  demographics?: boolean | undefined
  /** The client's timeout, in ms. Default 15 000, as `<EmbedProvider>`'s `timeoutMs`. */
  timeoutMs?: number | undefined
  fetch?: typeof fetch | undefined
}

/** Drives a running endpoint as the components would, and says for each rule whether it holds. */
export async function runConformance(options: ConformanceOptions): Promise<RuleResult[]> {
  const log: ProbeLog = { answers: [] }
  const settings = {
    endpoint: options.endpoint.replace(/\/+$/, ''),
    headers: options.headers ?? [],
    timeoutMs: options.timeoutMs ?? 15_000,
    fetch: options.fetch ?? globalThis.fetch,
  }
  const context: RuleContext = { settings, log, issued: [], send: (request) => probe(settings, log, request) }
  const results: RuleResult[] = []
  for (const rule of conformanceRules(options.targets ?? ['junction.user_portal'], options.demographics ?? true)) {
    try {
      results.push({ rule: rule.id, passed: true, saw: await rule.run(context) })
    } catch (error) {
      if (!(error instanceof RuleFailure || error instanceof NoAnswer)) throw error
      results.push({ rule: rule.id, passed: false, saw: error.message })
    }
  }
  return results
}
