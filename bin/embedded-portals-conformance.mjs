#!/usr/bin/env node
// `npx embedded-portals-conformance --endpoint <url>`: checks a running endpoint against the wire protocol.
import { runConformanceCli } from '../dist/conformance-cli.js'

try {
  process.exitCode = await runConformanceCli(process.argv.slice(2))
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 2
}
