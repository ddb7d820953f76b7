import { spawnSync } from 'node:child_process'
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const etcDir = join(root, 'etc')
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

describe('the API reports (etc/) and the generated reference (docs/api/)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'api-report-'))
  const etc = join(scratch, 'etc')
  const docs = join(scratch, 'docs')
  beforeAll(() => {
    cpSync(etcDir, etc, { recursive: true })
    const written = apiReport('--etc', etc, '--docs', docs)
    expect(written.status, written.output).toBe(0)
  }, RUN_TIMEOUT)
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('the committed reports are what the code gives (run `npm run docs:api` when this fails)', () => {
    for (const file of readdirSync(etcDir)) {
      expect(readFileSync(join(etc, file), 'utf8'), file).toBe(readFileSync(join(etcDir, file), 'utf8'))
    }
  })

  it(
    'api:check names each planted difference in etc/, and only those, then passes once `docs:api` rewrote them',
    () => {
      appendFileSync(join(etc, 'embedded-portals-server.api.md'), '\nexport function planted(): void;\n')
      writeFileSync(join(etc, 'embedded-portals-testing.api.md'), 'Edited by hand.\n')

      const stale = apiReport('--check', '--etc', etc, '--docs', docs)
      expect(outOfDate(stale.output), stale.output).toEqual(
        [join(etc, 'embedded-portals-server.api.md'), join(etc, 'embedded-portals-testing.api.md')].sort(),
      )
      expect(stale.output).toContain('Run `npm run docs:api`')
      expect(stale.status).toBe(1)

      // Writing mode repairs them, and the check passes.
      expect(apiReport('--etc', etc, '--docs', docs).status).toBe(0)
      const fresh = apiReport('--check', '--etc', etc, '--docs', docs)
      expect(fresh.output).toContain('up to date')
      expect(fresh.status).toBe(0)
    },
    3 * RUN_TIMEOUT,
  )

  it('the pages are generated, not committed: git tracks nothing under docs/api/', () => {
    const tracked = spawnSync('git', ['ls-files', 'docs/api'], { cwd: root, encoding: 'utf8' })
    expect(tracked.status).toBe(0)
    expect(tracked.stdout).toBe('')
  })

  it(
    'a page of an export that is gone does not linger after `docs:api`',
    () => {
      writeFileSync(join(docs, 'stale.md'), 'A page of an export that is gone.\n')
      expect(apiReport('--etc', etc, '--docs', docs).status).toBe(0)
      expect(existsSync(join(docs, 'stale.md'))).toBe(false)
    },
    RUN_TIMEOUT,
  )

  it('documents every runtime export of each entry on a page of its own', async () => {
    const entries = {
      'embedded-portals': await import('../../src/index.ts'),
      'embedded-portals-server': await import('../../src/server/index.ts'),
      'embedded-portals-server-node': await import('../../src/server/node.ts'),
      'embedded-portals-testing': await import('../../src/testing/index.ts'),
    }
    for (const [name, module] of Object.entries(entries)) {
      expect(readFileSync(join(etcDir, `${name}.api.md`), 'utf8')).toContain(`## API Report File for "${name}"`)
      const packagePage = readFileSync(join(docs, `${name}.md`), 'utf8')
      expect(readFileSync(join(docs, 'index.md'), 'utf8')).toContain(`[${name}](./${name}.md)`)
      for (const exported of Object.keys(module)) {
        const heading = markdownName(exported)
        // The package page links each export (a function with its parameters) to its page, which is about it.
        const link = new RegExp(`^\\[${heading}(?:\\([^)]*\\))?\\]\\(\\./([^)]+\\.md)\\)$`, 'm').exec(packagePage)
        expect(link, `${name}.md links ${exported}`).not.toBeNull()
        const page = readFileSync(join(docs, link?.[1] ?? ''), 'utf8')
        expect(page, `${link?.[1]} documents ${exported}`).toMatch(new RegExp(`^## ${heading}(?:\\(\\))? `, 'm'))
      }
    }
  })
})
