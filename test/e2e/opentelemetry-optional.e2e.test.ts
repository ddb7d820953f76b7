import { execFile } from 'node:child_process'
import { mkdir, readFile, symlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs script without declarations
import { buildPackage } from '../../scripts/size.mjs'

// `@opentelemetry/api` is an optional peer: the built server entry must run, build and stay silent without
// it, and make spans with it. The package is built into a temporary folder outside the repository, where
// Node finds no @opentelemetry/api until the test links it there.

const run = promisify(execFile)
const repository = join(import.meta.dirname, '../..')

/** Serves one request with the built handler, in a Node of its own; prints what the answer and spans were. */
const SCRIPT = `
import { createEmbedHandler } from './server.js'
import { loadOpenTelemetry } from './server/tracing/openTelemetry.js'
const spans = []
const withApi = process.argv[1] === 'with-api'
if (withApi) {
  const { trace } = await import('@opentelemetry/api')
  const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base')
  const exporter = new InMemorySpanExporter()
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }))
  spans.push(exporter)
}
const events = []
// Requests never wait for the optional import: let it finish (or fail) before the one request.
await loadOpenTelemetry()
const handler = createEmbedHandler({
  junction: { apiKey: 'key-never-sent' },
  resolveUser: () => null,
  audit: (event) => { events.push(event) },
})
const response = await handler(new Request('http://localhost/api/portals/demographics'))
const body = await response.json()
process.stdout.write(JSON.stringify({
  status: response.status,
  error: body.error,
  requestId: response.headers.get('x-request-id') === events[0]?.requestId,
  events: events.length,
  spans: spans[0]?.getFinishedSpans().map((span) => span.name) ?? null,
}))
`

describe('@opentelemetry/api, an optional peer', () => {
  let built: { entry: string; cleanup: () => Promise<void> }
  let dir: string
  beforeAll(async () => {
    built = await buildPackage()
    dir = dirname(built.entry)
  }, 120_000)
  afterAll(() => built?.cleanup())

  const serveOnce = (mode: string) =>
    run(process.execPath, ['--input-type=module', '-e', SCRIPT, mode], { cwd: dir, env: { PATH: process.env.PATH } })

  it('without it: the handler answers as always and prints nothing', async () => {
    await expect(
      run(process.execPath, ['--input-type=module', '-e', "await import('@opentelemetry/api')"], { cwd: dir }),
    ).rejects.toThrow(/Cannot find package '@opentelemetry\/api'/)
    const { stdout, stderr } = await serveOnce('without-api')
    expect(stderr).toBe('')
    expect(JSON.parse(stdout)).toEqual({ status: 401, error: 'unauthorized', requestId: true, events: 1, spans: null })
  })

  it('with it installed: the same answer, and a span for the request', async () => {
    await mkdir(join(dir, 'node_modules'), { recursive: true })
    await symlink(join(repository, 'node_modules/@opentelemetry'), join(dir, 'node_modules/@opentelemetry'), 'dir')
    const { stdout, stderr } = await serveOnce('with-api')
    expect(stderr).toBe('')
    expect(JSON.parse(stdout)).toEqual({
      status: 401,
      error: 'unauthorized',
      requestId: true,
      events: 1,
      spans: ['embedded-portals /demographics'],
    })
  })

  it('a host bundle of embedded-portals/server builds without it, and leaves the import to run time', async () => {
    const warnings: string[] = []
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      root: dir,
      build: {
        write: false,
        ssr: join(dir, 'server.js'),
        target: 'es2022',
        rolldownOptions: { onwarn: (warning) => void warnings.push(warning.message) },
      },
      ssr: { noExternal: true, target: 'webworker' },
    })
    const [bundle] = (Array.isArray(output) ? output : [output]).flatMap((result) =>
      'output' in result ? result.output : [],
    )
    const code = bundle && 'code' in bundle ? bundle.code : ''
    expect(code.includes('function createEmbedHandler'), 'the bundle holds the handler').toBe(true)
    // Left to run time: a dynamic import of a specifier the bundler cannot read.
    expect(/import\([^)]*\["@opentelemetry", "api"\]\.join\("\/"\)\s*\)/.test(code), 'the import is left as is').toBe(
      true,
    )
    expect(warnings.filter((warning) => /opentelemetry|import\(/i.test(warning))).toEqual([])
    // Nothing in the package names the peer as a literal import, which a bundler would try to resolve.
    expect(await readFile(join(dir, 'server/tracing/openTelemetry.js'), 'utf8')).not.toMatch(
      /import\(\s*['"]@opentelemetry/,
    )
  })
})
