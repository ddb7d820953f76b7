#!/usr/bin/env node
// Installs the package as built into each example's node_modules/embedded-portals: the built files, the
// other published files (bins, the OpenAPI document, the README and docs) and a package.json with the published exports map and
// bins, nothing from src/. Every other import (react, express, vite,
// next…) then resolves from the repository's node_modules by Node's upward lookup, so the examples run in
// this repository without an `npm install` of their own. The end-to-end tests do this with a fresh build;
// by hand: `npm run build` at the repository's root, then `node examples/install-local-package.mjs`.
import { execFile } from 'node:child_process'
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const root = fileURLToPath(new URL('..', import.meta.url))
export const EXAMPLES = ['vite-express', 'next-app-router', 'ehr-frame']

/**
 * Builds the package as `npm run build` does, into a temporary folder: the bundles (scripts/size.mjs's
 * `buildPackage()`) and the type declarations (`tsc -p tsconfig.build.json`, at the lowest CPU priority).
 * Returns the folder and a cleanup.
 */
export async function buildLocalPackage() {
  const { buildPackage } = await import('../scripts/size.mjs')
  const built = await buildPackage()
  const dir = dirname(built.entry)
  const tsc = [process.execPath, join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']
  await promisify(execFile)('nice', ['-n', '19', ...tsc, '--outDir', dir], { cwd: root })
  return { dir, cleanup: built.cleanup }
}

/**
 * Copies the built package (`distDir`: what `npm run build` or scripts/size.mjs's `buildPackage()` made)
 * into `examples/{example}/node_modules/embedded-portals`. Returns that folder.
 */
export async function installLocalPackage(example, distDir = join(root, 'dist')) {
  const target = join(root, 'examples', example, 'node_modules', 'embedded-portals')
  await rm(target, { recursive: true, force: true })
  await mkdir(target, { recursive: true })
  await cp(distDir, join(target, 'dist'), { recursive: true })
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))
  // The other published files (the bins, the OpenAPI document, the README and docs), as `npm pack` lists them.
  const { packedFiles } = await import('../scripts/check-package-links.mjs')
  for (const file of packedFiles(root).filter((path) => !path.startsWith('dist/') && path !== 'package.json')) {
    await mkdir(dirname(join(target, file)), { recursive: true })
    await cp(join(root, file), join(target, file))
  }
  const { name, version, type, sideEffects, bin, exports, peerDependencies, peerDependenciesMeta } = pkg
  const installed = { name, version, type, sideEffects, bin, exports, peerDependencies, peerDependenciesMeta }
  await writeFile(join(target, 'package.json'), `${JSON.stringify(installed, null, 2)}\n`)
  return target
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const wanted = process.argv.slice(2)
  for (const example of wanted.length > 0 ? wanted : EXAMPLES) {
    if (!EXAMPLES.includes(example)) throw new Error(`No example "${example}" (known: ${EXAMPLES.join(', ')}).`)
    const target = await installLocalPackage(example)
    process.stdout.write(`embedded-portals (from dist/) installed in ${target}\n`)
  }
}
