import { readFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs script without declarations
import { buildPackage } from '../../scripts/size.mjs'

// Server rendering (issue 8): the published client entry is a client module for React Server Components
// (`'use client'` as its first statement), the server and testing entries are not, and nothing of the
// server or testing code (or of Node) reaches a browser bundle through the client entry's imports.

/** What the client entry's module graph may import from outside the package: its peers, for the browser. */
const CLIENT_EXTERNALS = ['react', 'react/jsx-runtime', '@tanstack/react-query']

/** Code of the server and testing entries that must never be in the client graph. */
const SERVER_AND_TESTING_CODE = [
  'createEmbedHandler',
  'toNodeHandler',
  'memoryUserStore',
  'createJunctionClient',
  'createJunctionManagementClient',
  'createPortalAdminClient',
  'createUserhubClient',
  'VendorError',
  'startSimulator',
  'createVendorSimulator',
  'endpointHandlers',
  'src/server/',
  'src/testing/',
]

let outDir: string
let cleanup: (() => Promise<void>) | undefined

beforeAll(async () => {
  // The package as `npm run build` makes it (production JSX whatever NODE_ENV the test runner sets).
  const built = (await buildPackage()) as { entry: string; cleanup: () => Promise<void> }
  outDir = dirname(built.entry)
  cleanup = built.cleanup
}, 20_000)

afterAll(() => cleanup?.())

function read(file: string): Promise<string> {
  return readFile(join(outDir, file), 'utf8')
}

/** The directive prologue's first statement, after any leading comments: `'use client'` or whatever. */
function firstStatement(code: string): string {
  const body = code.replace(/^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '')
  return /^[^;\n]*/.exec(body)?.[0] ?? ''
}

const USE_CLIENT = /^(['"])use client\1$/

/** Every module specifier of static imports and re-exports, side-effect imports and dynamic imports. */
function specifiersOf(code: string): string[] {
  const found: string[] = []
  const patterns = [
    /^\s*(?:import|export)\s[^'";]*?\sfrom\s*(['"])([^'"]+)\1/gm,
    /^\s*import\s*(['"])([^'"]+)\1/gm,
    /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
  ]
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[2] as string)
  return found
}

/** The entry and every built chunk it imports, transitively: file (relative to outDir) → code. */
async function moduleGraph(entry: string): Promise<{ files: Map<string, string>; externals: Set<string> }> {
  const files = new Map<string, string>()
  const externals = new Set<string>()
  const queue = [entry]
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (files.has(file)) continue
    const code = await read(file)
    files.set(file, code)
    for (const specifier of specifiersOf(code)) {
      if (specifier.startsWith('.')) {
        const target = relative(outDir, resolve(outDir, dirname(file), specifier))
        expect(target.startsWith('..'), `${file} imports ${specifier}, outside the build`).toBe(false)
        queue.push(target)
      } else {
        externals.add(specifier)
      }
    }
  }
  return { files, externals }
}

describe('the built entries', () => {
  it('begin the client entry with the "use client" directive', async () => {
    const code = await read('index.js')
    expect(firstStatement(code)).toMatch(USE_CLIENT)
  })

  it('keep the directive off the server and testing entries', async () => {
    for (const entry of ['server.js', 'server/node.js', 'testing.js']) {
      const code = await read(entry)
      expect(firstStatement(code), entry).not.toMatch(/use client/)
      expect(code, entry).not.toMatch(/^\s*(['"])use client\1/m)
    }
  })
})

describe('the client entry’s module graph', () => {
  it('is index.js and the client modules it imports (none of server/ or testing/), and nothing but its peers', async () => {
    const { files, externals } = await moduleGraph('index.js')
    expect(files.size).toBeGreaterThan(20)
    expect([...files.keys()].filter((file) => /^(server|testing)[./]/.test(file))).toEqual([])
    expect([...externals].sort()).toEqual([...CLIENT_EXTERNALS].sort())
  })

  it('holds none of the server or testing code, and no Node built-in', async () => {
    const { files, externals } = await moduleGraph('index.js')
    for (const [file, code] of files) {
      for (const name of SERVER_AND_TESTING_CODE) expect(code.includes(name), `${name} in ${file}`).toBe(false)
      expect(code, file).not.toMatch(/['"]node:/)
      expect(code, file).not.toMatch(/\bmsw\b/)
    }
    expect([...externals].filter((name) => name.startsWith('node:') || /^msw(\/|$)/.test(name))).toEqual([])
  })

  it('would notice them: the server and testing graphs do hold that code', async () => {
    const server = [...(await moduleGraph('server.js')).files.values()].join('\n')
    const node = await moduleGraph('server/node.js')
    const testing = await moduleGraph('testing.js')
    const testingCode = [...testing.files.values()].join('\n')
    expect(server).toMatch(/\bcreateEmbedHandler\b/)
    expect([...node.files.values()].join('\n')).toMatch(/\btoNodeHandler\b/)
    expect([...node.externals].some((name) => name.startsWith('node:'))).toBe(true)
    expect(testingCode).toMatch(/\bstartSimulator\b/)
    expect(testingCode).toMatch(/\bendpointHandlers\b/)
    expect([...testing.externals].some((name) => name.startsWith('node:'))).toBe(true)
    expect([...testing.externals]).toContain('msw')
  })
})

describe('the server entry’s module graph', () => {
  it('reaches no Node built-in and no toNodeHandler: it loads on workerd without nodejs_compat, unbundled', async () => {
    const { files, externals } = await moduleGraph('server.js')
    expect(files.size).toBeGreaterThan(20)
    expect([...files.keys()].filter((file) => file === 'server/node.js')).toEqual([])
    for (const [file, code] of files) {
      expect(code, file).not.toMatch(/['"]node:/)
      expect(code, file).not.toMatch(/\btoNodeHandler\b/)
    }
    expect([...externals]).toEqual([])
  })
})
