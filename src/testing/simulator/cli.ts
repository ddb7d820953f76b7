import { type RunningSimulator, startSimulator } from './http/startSimulator.js'
import { SAMPLE_DEMOGRAPHICS, type SimulatorSeed } from './seed.js'
import { parseSeedFile } from './seedFile.js'
import type { SeedJunctionUserInput } from './types.js'

export type TerminationSignal = 'SIGINT' | 'SIGTERM'

export interface SimulatorCliIo {
  /** Where the output goes. Default `process.stdout.write`. */
  write?: ((text: string) => void) | undefined
  /** Subscribes to a termination signal and returns the unsubscribe. Default `process.once`. */
  onSignal?: ((signal: TerminationSignal, listener: () => void) => () => void) | undefined
}

export interface SimulatorCliSession {
  running: RunningSimulator
  /** Settles once a signal has stopped the simulator. */
  stopped: Promise<void>
}

export const SIMULATOR_CLI_USAGE = `Usage: embedded-portals-simulator [--port <port>] [--host <loopback host>] [--seed <number>]
         [--patient <id>]... [--patient-without-demographics <id>]... [--clinician <id>]...
         [--userhub-user <id>]... [--seed-file <file.json>]

Serves the vendor simulator (Junction, Junction Management, UserHub, portal administration and the
pages behind their signed URLs) over HTTP until Ctrl+C. While it runs, POST {url}/control/reset starts
over from the seeded people, and POST {url}/control/people adds some (JSON, as in --seed-file, plus
"patients", "patientsWithoutDemographics" and "clinicians" lists of ids); loopback callers only.

  --port                           port to listen on; 0 picks a free one (default 4010)
  --host                           loopback host to listen on (default 127.0.0.1)
  --seed                           makes ids repeatable
  --patient                        a Junction user (the host's id) with complete sample demographics
  --patient-without-demographics   a Junction user with none (the demographics gate asks for them)
  --clinician                      a Junction user for a staff member (no demographics)
  --userhub-user                   a UserHub user, whose billing portal then opens
  --seed-file                      JSON: {"junctionUsers": [{"clientUserId", "demographics"?}],
                                   "userhubUsers": ["id"], "portals": [{"name", "users"?: [{"email"}]}]}
  --help                           shows this text
`

interface CliFlags {
  port: number
  host: string
  seed: number | undefined
  help: boolean
  /** The people the flags name, in order. */
  seedData: { junctionUsers: SeedJunctionUserInput[]; userhubUsers: string[] }
  seedFile: string | undefined
}

function parseInteger(flag: string, value: string | undefined, min: number, max: number): number {
  const number = Number(value)
  if (value === undefined || value === '' || !Number.isInteger(number) || number < min || number > max) {
    throw new Error(`${flag} needs an integer from ${min} to ${max}, not "${value ?? ''}".\n\n${SIMULATOR_CLI_USAGE}`)
  }
  return number
}

/** Reads `--flag value` and `--flag=value` arguments. */
export function parseSimulatorArgs(argv: readonly string[]): CliFlags {
  const flags: CliFlags = {
    port: 4010,
    host: '127.0.0.1',
    seed: undefined,
    help: false,
    seedData: { junctionUsers: [], userhubUsers: [] },
    seedFile: undefined,
  }
  const id = (flag: string, value: string | undefined) => {
    if (!value) throw new Error(`${flag} needs an id.\n\n${SIMULATOR_CLI_USAGE}`)
    return value
  }
  const { junctionUsers, userhubUsers } = flags.seedData
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? ''
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined]
    const value = () => {
      if (inline !== undefined) return inline
      i += 1
      return argv[i]
    }
    if (name === '--help' || name === '-h') flags.help = true
    else if (name === '--port') flags.port = parseInteger('--port', value(), 0, 65_535)
    else if (name === '--host') flags.host = value() ?? ''
    else if (name === '--seed') flags.seed = parseInteger('--seed', value(), 0, 2 ** 32 - 1)
    else if (name === '--patient') {
      junctionUsers.push({ clientUserId: id(name, value()), demographics: SAMPLE_DEMOGRAPHICS })
    } else if (name === '--patient-without-demographics' || name === '--clinician') {
      junctionUsers.push({ clientUserId: id(name, value()), demographics: null })
    } else if (name === '--userhub-user') userhubUsers.push(id(name, value()))
    else if (name === '--seed-file') flags.seedFile = id(name, value())
    else throw new Error(`Unknown argument "${arg}".\n\n${SIMULATOR_CLI_USAGE}`)
  }
  return flags
}

function banner(running: RunningSimulator, seedData: SimulatorSeed): string {
  const { baseUrls, keys } = running
  const rows = [
    ['junction', baseUrls.junction, `x-vital-api-key: ${keys.junction}`],
    ['management', baseUrls.management, `X-Management-Key: ${keys.management}  (org ${running.orgId})`],
    ['userhub', baseUrls.userhub, `Authorization: Bearer ${keys.userhub}`],
    ['portal admin', baseUrls.portalAdmin, `Authorization: Bearer ${keys.portalAdmin}`],
    ['pages', baseUrls.pages, ''],
  ]
  const width = Math.max(...rows.map(([, url]) => url?.length ?? 0))
  const lines = rows.map(([name, url = '', auth]) => `  ${name?.padEnd(13)}${url.padEnd(width + 2)}${auth}`.trimEnd())
  const users = Object.entries(running.seeded.junctionUserIds).map(([host, id]) => `${host} (user_id ${id})`)
  const seeded = [
    users.length ? `  junction users  ${users.join(', ')}` : '',
    seedData.userhubUsers?.length ? `  userhub users   ${seedData.userhubUsers.join(', ')}` : '',
    running.seeded.portalIds.length ? `  portals         ${running.seeded.portalIds.join(', ')}` : '',
  ].filter(Boolean)
  const seededText = seeded.length ? `\nSeeded:\n${seeded.join('\n')}\n` : ''
  const control = `\nControl (loopback only): POST ${running.controlUrl}/reset, POST ${running.controlUrl}/people\n`
  return `Vendor simulator listening on ${running.url}\n\n${lines.join('\n')}\n${seededText}${control}\nPress Ctrl+C to stop.\n`
}

/**
 * The simulator's command line: starts it, prints its base URLs and keys, and stops it on SIGINT or SIGTERM.
 * Resolves once it listens (null for `--help`); bad arguments reject with the usage text.
 */
export async function runSimulatorCli(
  argv: readonly string[],
  io: SimulatorCliIo = {},
): Promise<SimulatorCliSession | null> {
  const write = io.write ?? ((text: string) => void process.stdout.write(text))
  const onSignal =
    io.onSignal ??
    ((signal: TerminationSignal, listener: () => void) => {
      process.once(signal, listener)
      return () => void process.off(signal, listener)
    })
  const flags = parseSimulatorArgs(argv)
  if (flags.help) {
    write(SIMULATOR_CLI_USAGE)
    return null
  }
  const fromFile = flags.seedFile
    ? parseSeedFile(await (await import('node:fs/promises')).readFile(flags.seedFile, 'utf8'), flags.seedFile)
    : {}
  const seedData: SimulatorSeed = {
    junctionUsers: [...(fromFile.junctionUsers ?? []), ...flags.seedData.junctionUsers],
    userhubUsers: [...(fromFile.userhubUsers ?? []), ...flags.seedData.userhubUsers],
    portals: fromFile.portals ?? [],
  }
  const running = await startSimulator({
    port: flags.port,
    host: flags.host,
    simulator: { seed: flags.seed },
    seedData,
  })
  write(banner(running, seedData))

  const stopped = new Promise<void>((resolve, reject) => {
    const unsubscribe: (() => void)[] = []
    const stop = (signal: TerminationSignal) => () => {
      for (const off of unsubscribe) off()
      write(`\n${signal}: stopping the simulator.\n`)
      running.close().then(resolve, reject)
    }
    unsubscribe.push(onSignal('SIGINT', stop('SIGINT')), onSignal('SIGTERM', stop('SIGTERM')))
  })
  return { running, stopped }
}
