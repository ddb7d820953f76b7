import { spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const apiDir = join(root, 'docs/api')
const script = join(root, 'scripts/api-docs.mjs')

/** Runs the generator as `npm run docs:api` does, with extra arguments. */
function apiDocs(...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', timeout: 25_000 })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

describe('docs/api', () => {
  it('is what `npm run docs:api` generates from the JSDoc (run it after changing a public API)', () => {
    const { status, output } = apiDocs('--check')
    expect(output).toContain('docs/api is up to date')
    expect(status).toBe(0)
  })

  it('has one page per entry point, listing every runtime export of each entry', async () => {
    const pages = {
      'embedded-portals.md': await import('../../src/index.ts'),
      'embedded-portals-server.md': await import('../../src/server/index.ts'),
      'embedded-portals-testing.md': await import('../../src/testing/index.ts'),
    }
    for (const [page, module] of Object.entries(pages)) {
      const text = readFileSync(join(apiDir, page), 'utf8')
      for (const name of Object.keys(module)) expect(text, `${page} documents ${name}`).toContain(`### \`${name}\``)
    }
  })

  describe('--check', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'api-docs-'))
    afterAll(() => rmSync(scratch, { recursive: true, force: true }))

    it('fails, naming the file, when a page differs from what would be generated', () => {
      cpSync(apiDir, scratch, { recursive: true })
      expect(apiDocs('--check', '--out', scratch).status).toBe(0)

      appendFileSync(join(scratch, 'embedded-portals-server.md'), '\nEdited by hand.\n')
      const stale = apiDocs('--check', '--out', scratch)
      expect(stale.status).not.toBe(0)
      expect(stale.output).toContain('embedded-portals-server.md is out of date')
      expect(stale.output).toContain('npm run docs:api')

      // Writing mode repairs it, and only touches generated files.
      writeFileSync(join(scratch, 'notes.md'), 'Not generated.\n')
      expect(apiDocs('--out', scratch).status).toBe(0)
      expect(apiDocs('--check', '--out', scratch).status).toBe(0)
      expect(readdirSync(scratch)).toContain('notes.md')
    })

    it('fails when a page is missing', () => {
      cpSync(apiDir, scratch, { recursive: true })
      rmSync(join(scratch, 'embedded-portals-testing.md'))
      const missing = apiDocs('--check', '--out', scratch)
      expect(missing.status).not.toBe(0)
      expect(missing.output).toContain('embedded-portals-testing.md is out of date')
    })
  })
})
