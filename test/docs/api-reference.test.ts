import { spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const etcDir = join(root, 'etc')
const apiDir = join(root, 'docs/api')
const script = join(root, 'scripts/api-report.mjs')
/** A run emits the declarations and runs API Extractor three times and API Documenter once: about 15 s. */
const RUN_TIMEOUT = 120_000

/** Runs the script as `npm run docs:api` (or, with `--check`, `npm run api:check`) does, with extra arguments. */
function apiReport(...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', timeout: RUN_TIMEOUT })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

/** `name` as API Documenter writes it in markdown (underscores escaped), as a regular expression. */
function markdownName(name: string) {
  return name.replaceAll('_', '\\_').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The files that a `--check` output names as out of date. */
function outOfDate(output: string) {
  return [...output.matchAll(/^(.+) is out of date\.$/gm)].map((match) => match[1]).sort()
}

describe('the API reports (etc/) and reference (docs/api/)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'api-report-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it(
    'api:check names each planted difference, and only those, then passes once `docs:api` rewrote them',
    () => {
      const etc = join(scratch, 'etc')
      const docs = join(scratch, 'docs')
      cpSync(etcDir, etc, { recursive: true })
      cpSync(apiDir, docs, { recursive: true })

      appendFileSync(join(etc, 'embedded-portals-server.api.md'), '\nexport function planted(): void;\n')
      appendFileSync(join(docs, 'embedded-portals-testing.md'), '\nEdited by hand.\n')
      rmSync(join(docs, 'index.md'))
      writeFileSync(join(docs, 'stale.md'), 'A page of an export that is gone.\n')

      const stale = apiReport('--check', '--etc', etc, '--docs', docs)
      // Only the planted files: anything else means etc/ or docs/api/ is stale (run `npm run docs:api`).
      expect(outOfDate(stale.output), stale.output).toEqual(
        [
          join(docs, 'embedded-portals-testing.md'),
          join(docs, 'index.md'),
          join(docs, 'stale.md'),
          join(etc, 'embedded-portals-server.api.md'),
        ].sort(),
      )
      expect(stale.output).toContain('Run `npm run docs:api`')
      expect(stale.status).toBe(1)

      // Writing mode repairs them: the stale page goes, and the check passes.
      expect(apiReport('--etc', etc, '--docs', docs).status).toBe(0)
      expect(existsSync(join(docs, 'stale.md'))).toBe(false)
      const fresh = apiReport('--check', '--etc', etc, '--docs', docs)
      expect(fresh.output).toContain('up to date')
      expect(fresh.status).toBe(0)
    },
    3 * RUN_TIMEOUT,
  )

  it('documents every runtime export of each entry on a page of its own', async () => {
    const entries = {
      'embedded-portals': await import('../../src/index.ts'),
      'embedded-portals-server': await import('../../src/server/index.ts'),
      'embedded-portals-testing': await import('../../src/testing/index.ts'),
    }
    for (const [name, module] of Object.entries(entries)) {
      expect(readFileSync(join(etcDir, `${name}.api.md`), 'utf8')).toContain(`## API Report File for "${name}"`)
      const packagePage = readFileSync(join(apiDir, `${name}.md`), 'utf8')
      expect(readFileSync(join(apiDir, 'index.md'), 'utf8')).toContain(`[${name}](./${name}.md)`)
      for (const exported of Object.keys(module)) {
        const heading = markdownName(exported)
        // The package page links each export (a function with its parameters) to its page, which is about it.
        const link = new RegExp(`^\\[${heading}(?:\\([^)]*\\))?\\]\\(\\./([^)]+\\.md)\\)$`, 'm').exec(packagePage)
        expect(link, `${name}.md links ${exported}`).not.toBeNull()
        const page = readFileSync(join(apiDir, link?.[1] ?? ''), 'utf8')
        expect(page, `${link?.[1]} documents ${exported}`).toMatch(new RegExp(`^## ${heading}(?:\\(\\))? `, 'm'))
      }
    }
  })
})
