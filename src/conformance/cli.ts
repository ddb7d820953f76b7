import type { TargetKind } from '../core/target.js'
import { type ConformanceOptions, runConformance } from './run.js'

export const CONFORMANCE_USAGE = `Usage: embedded-portals-conformance --endpoint <url> [--header "Name: value"]...
         [--target <kind>]... [--origin <origin>] [--skip-demographics] [--slow] [--timeout-ms <ms>]

Drives a running endpoint as the embedded-portals components would, and prints one line per rule of
the wire protocol: PASS, FAIL (with what it saw, and a hint when the cause is likely the command line)
or SKIP. Exits 1 when a rule fails. It needs no vendor keys: it checks the endpoint's answers. Run it
against a test user: it saves made-up demographics.

  --endpoint            the URL browsers use for the endpoint, base path included
                        (https://app.example.com/api/portals); credentials in it are sent as
                        Authorization: Basic and never printed
  --header              sent with every request, e.g. "Cookie: session=…" (repeatable)
  --target              a target kind the host supports: junction.user_portal (default),
                        junction.dashboard, userhub.portal (repeatable)
  --origin              the Origin sent with writes, as a browser on the page that calls the endpoint
                        sends it (default: the endpoint's own origin)
  --skip-demographics   for a host without Junction demographics
  --slow                also run the rules that wait (a body that never ends: 10 s for its 408)
  --timeout-ms          the client's timeout (default 15000)
  --help                shows this text
`

const KINDS: readonly TargetKind[] = ['junction.user_portal', 'junction.dashboard', 'userhub.portal']

/** A command line the check cannot run with. Its message never repeats a value given: it may be a secret. */
class UsageError extends Error {}

function value(argv: readonly string[], index: number, flag: string): string {
  const next = argv[index + 1]
  if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value.`)
  return next
}

/** A URL's origin, or a usage error naming the flag (not the value). */
function httpUrl(raw: string, flag: string, what: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new UsageError(`${flag} takes ${what} (the value given is not one; it is not shown).`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${flag} takes ${what}, not a ${url.protocol} URL.`)
  }
  return url
}

/** Credentials in the endpoint's URL, as the `Authorization` header a browser would build from them. */
function basicAuthorization(url: URL): string {
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
  return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`
}

/** The options of a command line, or null for `--help`. */
export function parseConformanceArgs(argv: readonly string[]): ConformanceOptions | null {
  let endpoint: string | undefined
  let origin: string | undefined
  const headers: [string, string][] = []
  const targets: TargetKind[] = []
  let demographics = true
  let slow = false
  let timeoutMs = 15_000
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] ?? ''
    switch (flag) {
      case '--help':
        return null
      case '--endpoint':
        endpoint = value(argv, i++, flag)
        break
      case '--origin':
        origin = value(argv, i++, flag)
        break
      case '--header': {
        const header = value(argv, i++, flag)
        const colon = header.indexOf(':')
        if (colon <= 0) {
          throw new UsageError(
            `--header takes "Name: value" (the header given has no name before a colon; it is not shown).`,
          )
        }
        headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()])
        break
      }
      case '--target': {
        const kind = value(argv, i++, flag)
        if (!(KINDS as readonly string[]).includes(kind)) {
          throw new UsageError(`--target takes one of ${KINDS.join(', ')}.`)
        }
        targets.push(kind as TargetKind)
        break
      }
      case '--skip-demographics':
        demographics = false
        break
      case '--slow':
        slow = true
        break
      case '--timeout-ms':
        timeoutMs = Number(value(argv, i++, flag))
        if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
          throw new UsageError('--timeout-ms takes a positive integer.')
        break
      default:
        // A flag's own name is safe to repeat; anything else may be a value that lost its flag.
        throw new UsageError(
          /^--[a-z][a-z-]{0,30}$/.test(flag)
            ? `Unknown flag ${flag}.`
            : `Argument ${i + 1} is not a flag, nor the value of one (it is not shown).`,
        )
    }
  }
  if (endpoint === undefined) throw new UsageError('--endpoint is required.')
  const url = httpUrl(endpoint, '--endpoint', 'an absolute http(s) URL')
  if (url.username || url.password) {
    if (!headers.some(([name]) => name.toLowerCase() === 'authorization')) {
      headers.push(['Authorization', basicAuthorization(url)])
    }
    url.username = ''
    url.password = ''
  }
  let sentOrigin: string | undefined
  if (origin !== undefined) {
    const parsed = httpUrl(origin, '--origin', 'an origin such as https://app.example.com')
    if (parsed.username || parsed.password || parsed.pathname !== '/' || parsed.search || parsed.hash) {
      throw new UsageError('--origin takes an origin alone (scheme, host and port), such as https://app.example.com.')
    }
    sentOrigin = parsed.origin
  }
  return {
    endpoint: url.href.replace(/\/+$/, ''),
    origin: sentOrigin,
    headers,
    targets: targets.length > 0 ? targets : undefined,
    demographics,
    slow,
    timeoutMs,
  }
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
    const verdict = result.skipped ? 'SKIP' : result.passed ? 'PASS' : 'FAIL'
    write(`${verdict}  ${result.rule.padEnd(width)}  ${result.saw}\n`)
    if (result.hint) write(`      ${' '.repeat(width)}  hint: ${result.hint}\n`)
  }
  const failed = results.filter((result) => !result.passed).length
  const skipped = results.filter((result) => result.skipped).length
  const passed = results.length - failed - skipped
  const counts = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`
  write(`\n${counts}: ${options.endpoint}\n`)
  return failed === 0 ? 0 : 1
}
