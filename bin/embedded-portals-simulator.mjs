#!/usr/bin/env node
// `npx embedded-portals-simulator`: the vendor simulator over HTTP on loopback, until Ctrl+C.
import { runSimulatorCli } from '../dist/simulator-cli.js'

try {
  await runSimulatorCli(process.argv.slice(2))
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
