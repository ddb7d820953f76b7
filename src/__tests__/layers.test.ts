// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// The layers of the client, bottom up: each may import only what lies below it. Features never import
// each other, except that the embed's link_out renders the launch button.
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  provider: ['core'],
  signedUrl: ['core', 'provider'],
  shared: ['core', 'provider', 'signedUrl'],
  launch: ['core', 'provider', 'signedUrl', 'shared'],
  dashboard: ['core', 'provider', 'signedUrl', 'shared', 'launch/PortalLaunchButton'],
  demographics: ['core', 'provider', 'signedUrl', 'shared'],
  admin: ['core', 'provider', 'signedUrl', 'shared'],
  server: ['core'],
  testing: ['core', 'server'],
  conformance: ['core', 'testing/simulator/seed'],
}
/** Packages `core/` may not import: it is plain TypeScript. */
const FRAMEWORKS = /^(react|react-dom|@tanstack\/)/

const root = resolve(import.meta.dirname, '..')

interface ImportEdge {
  file: string
  specifier: string
}

/** Every import of every library source file (tests and stories left out), by path under `src/`. */
function importsOf(dir: string): ImportEdge[] {
  const edges: ImportEdge[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== '__tests__') edges.push(...importsOf(path))
    } else if (/\.tsx?$/.test(entry.name) && !/\.(test|test-d|stories)\.tsx?$/.test(entry.name)) {
      const source = readFileSync(path, 'utf8')
      // Static imports and exports, and `import('…')` (a module loaded later is a dependency all the same).
      for (const match of source.matchAll(
        /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*'([^']+)'|import\(\s*'([^']+)'/g,
      )) {
        edges.push({ file: relative(root, path), specifier: match[1] ?? match[2] ?? '' })
      }
    }
  }
  return edges
}

/** The layer rules an import breaks, as readable lines; none for a tree that keeps them. */
function layerViolations(edges: readonly ImportEdge[]): string[] {
  const problems: string[] = []
  for (const { file, specifier } of edges) {
    const layer = file.split('/')[0] ?? ''
    const allowed = ALLOWED[layer]
    if (!allowed) continue
    if (!specifier.startsWith('.')) {
      if (layer === 'core' && FRAMEWORKS.test(specifier)) problems.push(`${file}: core imports ${specifier}`)
      continue
    }
    const target = relative(root, resolve(dirname(join(root, file)), specifier)).replace(/\.js$/, '')
    const targetLayer = target.split('/')[0] ?? ''
    if (targetLayer === layer) continue
    const ok = allowed.some((rule) => rule === targetLayer || rule === target)
    if (!ok) problems.push(`${file}: ${layer} imports ${target}`)
  }
  return problems
}

/**
 * The one naming rule of `src/`: a module is named in camelCase after what it holds, a file whose main
 * export is a component in PascalCase; folders in camelCase (`__tests__` aside). Suffixes name the kind of
 * file: `.test`, `.e2e.test`, `.test-d`, `.stories`. The stylesheet carries the package's name.
 */
const MODULE_NAME = /^(?:[a-z][a-zA-Z0-9]*|[A-Z][a-zA-Z0-9]*)(?:\.e2e)?(?:\.test|\.test-d|\.stories)?\.tsx?$/
const FOLDER_NAME = /^(?:[a-z][a-zA-Z0-9]*|__tests__)$/

/** Every file and folder name under `dir` that breaks the naming rule, by path under `src/`. */
function misnamed(dir: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (!FOLDER_NAME.test(entry.name)) found.push(relative(root, path))
      found.push(...misnamed(path))
    } else if (!MODULE_NAME.test(entry.name) && !/\.(css|md)$/.test(entry.name)) {
      found.push(relative(root, path))
    }
  }
  return found
}

describe('file names', () => {
  it('follow one convention across src/', () => {
    expect(misnamed(root)).toEqual([])
  })

  it('refuse a planted kebab-case module', () => {
    expect(['url-safety.ts', 'Portal_Row.tsx', 'useLaunch.spec.ts'].filter((name) => MODULE_NAME.test(name))).toEqual(
      [],
    )
    expect(
      ['urlSafety.ts', 'PortalLaunchButton.stories.tsx', 'authorize.e2e.test.ts'].every((name) =>
        MODULE_NAME.test(name),
      ),
    ).toBe(true)
  })
})

describe('layers', () => {
  it('hold in the tree: core is plain TypeScript, features import only what lies below them', () => {
    const edges = importsOf(root)
    expect(edges.length).toBeGreaterThan(300)
    expect(layerViolations(edges)).toEqual([])
  })

  it('catch a planted violation of each kind', () => {
    expect(
      layerViolations([
        { file: 'core/lifecycle.ts', specifier: '@tanstack/react-query' },
        { file: 'core/lifecycle.ts', specifier: '../provider/context.js' },
        { file: 'launch/useLaunch.ts', specifier: '../demographics/useDemographics.js' },
        { file: 'dashboard/DashboardFrame.tsx', specifier: '../launch/runLaunch.js' },
        { file: 'provider/EmbedProvider.tsx', specifier: '../signedUrl/useSignedUrl.js' },
        { file: 'server/http.ts', specifier: '../testing/index.js' },
      ]),
    ).toEqual([
      'core/lifecycle.ts: core imports @tanstack/react-query',
      'core/lifecycle.ts: core imports provider/context',
      'launch/useLaunch.ts: launch imports demographics/useDemographics',
      'dashboard/DashboardFrame.tsx: dashboard imports launch/runLaunch',
      'provider/EmbedProvider.tsx: provider imports signedUrl/useSignedUrl',
      'server/http.ts: server imports testing/index',
    ])
  })

  it('let the embed render the launch button', () => {
    expect(
      layerViolations([{ file: 'dashboard/DashboardEmbed.tsx', specifier: '../launch/PortalLaunchButton.js' }]),
    ).toEqual([])
  })
})
