#!/usr/bin/env node
// `npm run size`: what the client entry costs a host's bundle, minified and gzipped, peers external, for
// the whole entry and for each component imported alone (what a tree-shaking bundler keeps). The package
// is built first as it is published (dist/index.js, one file), then bundled the way a host's production
// build would, with Vite (Rolldown). `--json` prints the figures only.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Runs `task` as a production build would run, whatever runs this (a test runner sets NODE_ENV=test). */
async function inProduction(task) {
  const previous = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    return await task()
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = previous
  }
}

/** Builds the package as published into a temporary folder; returns the client entry's path and a cleanup. */
export async function buildPackage() {
  const outDir = await mkdtemp(join(tmpdir(), 'embedded-portals-dist-'))
  await inProduction(() =>
    build({
      mode: 'production',
      root,
      configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    }),
  )
  // As installed: bundlers read `sideEffects` from the package.json beside the files.
  const { name, type, sideEffects } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))
  await writeFile(join(outDir, 'package.json'), JSON.stringify({ name, type, sideEffects }))
  return { entry: join(outDir, 'index.js'), cleanup: () => rm(outDir, { recursive: true, force: true }) }
}
const external = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query']

/** What each measure imports, and what it must not contain (another component's code). */
export const MEASURES = [
  { name: 'client entry (everything)', imports: '*', absent: [] },
  {
    name: 'PortalLaunchButton',
    imports: '{ PortalLaunchButton, EmbedProvider }',
    absent: ['Junction Dashboard', 'Save and continue', 'auth/launch', 'Send invites'],
  },
  {
    name: 'DashboardEmbed',
    imports: '{ DashboardEmbed, EmbedProvider }',
    absent: ['Save and continue', 'Checking the patient', 'Send invites'],
    // The launch button (for link_out) loads in a chunk of its own, never up front.
    absentUpFront: ['Copy portal link', 'Your browser blocked the new tab'],
  },
  {
    name: 'DemographicsGate (with its form)',
    imports: '{ DemographicsGate, EmbedProvider }',
    absent: ['Junction Dashboard', 'auth/launch', 'Copy portal link', 'Send invites'],
  },
  {
    name: 'PortalUsersManager',
    imports: '{ PortalUsersManager, EmbedProvider }',
    absent: ['Junction Dashboard', 'auth/launch', 'Save and continue', 'Copy portal link'],
  },
]

/** Minified and gzipped bytes of a bundle that imports `imports` from the client entry. */
export async function measure(imports, entry) {
  const dir = await mkdtemp(join(tmpdir(), 'embedded-portals-size-'))
  const file = join(dir, 'entry.js')
  await writeFile(
    file,
    imports === '*' ? `export * from ${JSON.stringify(entry)}\n` : `export ${imports} from ${JSON.stringify(entry)}\n`,
  )
  const output = await inProduction(() =>
    build({
      mode: 'production',
      root,
      configFile: false,
      logLevel: 'silent',
      // What a host's app bundler does in production; library mode alone would leave it to the host.
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        write: false,
        minify: true,
        target: 'es2022',
        lib: { entry: file, formats: ['es'], fileName: 'measured' },
        rolldownOptions: { external },
      },
    }),
  )
  await rm(dir, { recursive: true, force: true })
  const outputs = Array.isArray(output) ? output : [output]
  const chunks = outputs.flatMap((result) => result.output).filter((chunk) => chunk.type === 'chunk')
  const code = chunks.map((chunk) => chunk.code).join('\n')
  // Up front: the entry chunk and every chunk it imports statically, not those behind an `import()`.
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
  const loaded = new Set()
  const visit = (chunk) => {
    if (!chunk || loaded.has(chunk)) return
    loaded.add(chunk)
    for (const name of chunk.imports) visit(byName.get(name))
  }
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk)
  const upFront = [...loaded].map((chunk) => chunk.code).join('\n')
  return { code, upFront, minified: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = []
  const built = await buildPackage()
  for (const item of MEASURES) {
    const { minified, gzip } = await measure(item.imports, built.entry)
    rows.push({
      measure: item.name,
      minified: `${(minified / 1024).toFixed(1)} KB`,
      gzip: `${(gzip / 1024).toFixed(2)} KB`,
    })
  }
  await built.cleanup()
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows))
  else console.table(rows)
}
