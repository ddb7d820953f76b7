import { execFile } from 'node:child_process'
import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs script without declarations
import { buildPackage } from '../../scripts/size.mjs'

// Server rendering in a real framework (issue 8): a Next.js App Router page (a Server Component) that
// uses every component from the package as published builds with `next build`, and its prerendered
// HTML holds each component's server markup.

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
const app = join(root, 'test/next-app')
const installed = join(app, 'node_modules/embedded-portals')

let cleanup: (() => Promise<void>) | undefined
let output = ''
let html = ''

beforeAll(async () => {
  const built = (await buildPackage()) as { entry: string; cleanup: () => Promise<void> }
  cleanup = built.cleanup
  // The fixture imports `embedded-portals` from its own node_modules: the built files and the
  // package.json's exports, nothing from src/.
  await rm(installed, { recursive: true, force: true })
  await rm(join(app, '.next'), { recursive: true, force: true })
  await cp(dirname(built.entry), join(installed, 'dist'), { recursive: true })
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Record<string, unknown>
  const { name, type, sideEffects, exports } = pkg
  await writeFile(join(installed, 'package.json'), JSON.stringify({ name, type, sideEffects, exports }, null, 2))
  // At the lowest CPU priority: the build runs beside the browser tests, whose waits are timed.
  const next = [process.execPath, join(root, 'node_modules/next/dist/bin/next'), 'build']
  const result = await run('nice', ['-n', '19', ...next], {
    cwd: app,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', CI: '1' },
    timeout: 240_000,
  })
  output = `${result.stdout}\n${result.stderr}`
  html = await readFile(join(app, '.next/server/app/index.html'), 'utf8')
}, 300_000)

afterAll(async () => {
  await cleanup?.()
  await rm(installed, { recursive: true, force: true })
})

describe('a Next.js App Router page using the components', () => {
  it('builds with next build and prerenders the page as static content', () => {
    expect(output).toContain('Compiled successfully')
    expect(output).toMatch(/○ \//)
    expect(output).not.toMatch(/window is not defined|document is not defined|createContext/)
  })

  it('prerenders each component in its first state, with no signed URL or frame in the markup', () => {
    // Two launch buttons and the dashboard's link_out button are idle; the gate and the frame load.
    expect(html.match(/data-state="idle"/g)).toHaveLength(3)
    expect(html.match(/data-state="loading"/g)).toHaveLength(2)
    expect(html).toContain('Book my lab visit')
    expect(html).toContain('Copy portal link')
    expect(html).not.toContain('<iframe')
    expect(html).not.toContain('portal.example.test')
  })
})
