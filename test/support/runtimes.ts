import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { RuntimeConfig } from '../runtimes/embedHandler.js'
import { freePort } from './free-port.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name)

/**
 * Bun's binary. Its platform package ships it (`@oven/bun-linux-x64`); the `bun` package's own bin is a
 * placeholder that only its postinstall, which `allowScripts` does not run, replaces with it.
 */
function bunBinary(): string {
  const arch = process.arch === 'arm64' ? 'aarch64' : process.arch
  const shipped = join(ROOT, `node_modules/@oven/bun-${process.platform}-${arch}/bin/bun`)
  return existsSync(shipped) ? shipped : join(ROOT, 'node_modules/bun/bin/bun.exe')
}

/** The runtimes the server handler is served by, each from its npm package (devDependencies). */
export type RuntimeName = 'workerd' | 'bun' | 'deno'

export interface RunningRuntime {
  /** The endpoint's URL, base path included. */
  endpoint: string
  /** Everything the runtime printed so far. */
  output: () => string
  stop: () => Promise<void>
}

/**
 * Bundles `test/runtimes/<entry>.ts` with esbuild into `dir`, as a host would bundle a Worker: ESM, for no
 * particular platform, no `define` (so no `process.env.NODE_ENV` is replaced), nothing external.
 */
async function bundle(entry: string, dir: string): Promise<string> {
  const outfile = join(dir, `${entry}.js`)
  await build({
    entryPoints: [join(ROOT, 'test/runtimes', `${entry}.ts`)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'silent',
  })
  return outfile
}

/** workerd's own configuration: the worker on `port`, no compatibility flags, loopback reachable. */
function workerdConfig(port: number, config: RuntimeConfig): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2026-04-26",
  compatibilityFlags = [],
  bindings = [(name = "CONFIG", json = ${JSON.stringify(JSON.stringify(config))})],
);
`
}

/** Polls until the endpoint answers at all, or fails with what the runtime printed. */
async function answering(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000
  let exited: number | null = null
  child.once('exit', (code) => {
    exited = code ?? -1
  })
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`the runtime exited with ${exited}:\n${output()}`)
    try {
      await fetch(`${endpoint}/conformance-unknown-route`)
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  throw new Error(`the runtime did not answer within 30 s:\n${output()}`)
}

/** Bundles the handler for `runtime`, starts it on a free loopback port and waits until it answers. */
export async function startRuntime(runtime: RuntimeName, config: RuntimeConfig): Promise<RunningRuntime> {
  const dir = await mkdtemp(join(tmpdir(), `embedded-portals-${runtime}-`))
  const port = await freePort()
  const json = JSON.stringify(config)
  let child: ChildProcess
  if (runtime === 'workerd') {
    await bundle('worker', dir)
    await writeFile(join(dir, 'config.capnp'), workerdConfig(port, config))
    child = spawn(bin('workerd'), ['serve', join(dir, 'config.capnp')], { cwd: dir })
  } else if (runtime === 'bun') {
    child = spawn(bunBinary(), [await bundle('bun', dir), String(port), json], { cwd: dir })
  } else {
    child = spawn(bin('deno'), ['run', '--allow-net', await bundle('deno', dir), String(port), json], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, 'deno') },
    })
  }
  let printed = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    printed += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    printed += chunk.toString()
  })
  const output = () => printed
  const endpoint = `http://127.0.0.1:${port}/api/portals`
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    await rm(dir, { recursive: true, force: true })
  }
  try {
    await answering(endpoint, child, output)
  } catch (error) {
    await stop()
    throw error
  }
  return { endpoint, output, stop }
}
