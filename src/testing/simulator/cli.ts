import { type RunningSimulator, startSimulator } from './http/startSimulator.js'

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

Serves the vendor simulator (Junction, Junction Management, UserHub, portal administration and the
pages behind their signed URLs) over HTTP until Ctrl+C.

  --port   port to listen on; 0 picks a free one (default 4010)
  --host   loopback host to listen on (default 127.0.0.1)
  --seed   makes ids repeatable
  --help   shows this text
`

interface CliFlags {
  port: number
  host: string
  seed: number | undefined
  help: boolean
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
  const flags: CliFlags = { port: 4010, host: '127.0.0.1', seed: undefined, help: false }
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
    else throw new Error(`Unknown argument "${arg}".\n\n${SIMULATOR_CLI_USAGE}`)
  }
  return flags
}

function banner(running: RunningSimulator): string {
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
  return `Vendor simulator listening on ${running.url}\n\n${lines.join('\n')}\n\nPress Ctrl+C to stop.\n`
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
  const running = await startSimulator({ port: flags.port, host: flags.host, simulator: { seed: flags.seed } })
  write(banner(running))

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
