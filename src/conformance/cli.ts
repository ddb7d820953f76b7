import type { TargetKind } from '../core/target.js'
import { type ConformanceOptions, runConformance } from './run.js'

export const CONFORMANCE_USAGE = `Usage: embedded-portals-conformance --endpoint <url> [--header "Name: value"]...
         [--target <kind>]... [--skip-demographics] [--timeout-ms <ms>]

Drives a running endpoint as the embedded-portals components would, and prints one line per rule of
the wire protocol: PASS or FAIL, with what it saw. Exits 1 when a rule fails. It needs no vendor keys:
it checks the endpoint's answers. Run it against a test user: it saves made-up demographics.

  --endpoint            the endpoint's URL, base path included (http://127.0.0.1:8787/api/portals)
  --header              sent with every request, e.g. "Cookie: session=…" (repeatable)
  --target              a target kind the host supports: junction.user_portal (default),
                        junction.dashboard, userhub.portal (repeatable)
  --skip-demographics   for a host without Junction demographics
  --timeout-ms          the client's timeout (default 15000)
  --help                shows this text
`

const KINDS: readonly TargetKind[] = ['junction.user_portal', 'junction.dashboard', 'userhub.portal']

/** A command line the check cannot run with. */
class UsageError extends Error {}

function value(argv: readonly string[], index: number, flag: string): string {
  const next = argv[index + 1]
  if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value.`)
  return next
}

/** The options of a command line, or null for `--help`. */
export function parseConformanceArgs(argv: readonly string[]): ConformanceOptions | null {
  let endpoint: string | undefined
  const headers: [string, string][] = []
  const targets: TargetKind[] = []
  let demographics = true
  let timeoutMs = 15_000
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]
    switch (flag) {
      case '--help':
        return null
      case '--endpoint':
        endpoint = value(argv, i++, flag)
        break
      case '--header': {
        const header = value(argv, i++, flag)
        const colon = header.indexOf(':')
        if (colon <= 0) throw new UsageError(`--header takes "Name: value", not ${JSON.stringify(header)}.`)
        headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()])
        break
      }
      case '--target': {
        const kind = value(argv, i++, flag)
        if (!(KINDS as readonly string[]).includes(kind)) {
          throw new UsageError(`--target takes one of ${KINDS.join(', ')}, not ${JSON.stringify(kind)}.`)
        }
        targets.push(kind as TargetKind)
        break
      }
      case '--skip-demographics':
        demographics = false
        break
      case '--timeout-ms':
        timeoutMs = Number(value(argv, i++, flag))
        if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
          throw new UsageError('--timeout-ms takes a positive integer.')
        break
      default:
        throw new UsageError(`Unknown argument ${JSON.stringify(flag)}.`)
    }
  }
  if (endpoint === undefined) throw new UsageError('--endpoint is required.')
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    throw new UsageError(`--endpoint takes an absolute http(s) URL, not ${JSON.stringify(endpoint)}.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--endpoint takes an absolute http(s) URL, not ${JSON.stringify(endpoint)}.`)
  }
  return { endpoint, headers, targets: targets.length > 0 ? targets : undefined, demographics, timeoutMs }
}

export interface ConformanceCliIo {
  write?: ((text: string) => void) | undefined
  fetch?: typeof fetch | undefined
}

/** Runs the command line; resolves with the exit code (0 all passed, 1 a rule failed, 2 a usage error). */
export async function runConformanceCli(argv: readonly string[], io: ConformanceCliIo = {}): Promise<number> {
  const write = io.write ?? ((text: string) => process.stdout.write(text))
  let options: ConformanceOptions | null
  try {
    options = parseConformanceArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    write(`${error.message}\n\n${CONFORMANCE_USAGE}`)
    return 2
  }
  if (options === null) {
    write(CONFORMANCE_USAGE)
    return 0
  }
  const results = await runConformance({ ...options, fetch: io.fetch })
  const width = Math.max(...results.map((result) => result.rule.length))
  for (const result of results) {
    write(`${result.passed ? 'PASS' : 'FAIL'}  ${result.rule.padEnd(width)}  ${result.saw}\n`)
  }
  const failed = results.filter((result) => !result.passed).length
  write(`\n${results.length - failed} passed, ${failed} failed: ${options.endpoint}\n`)
  return failed === 0 ? 0 : 1
}
