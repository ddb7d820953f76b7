import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// Every ```ts, ```tsx and ```typescript block of README.md and docs/*.md (not the generated docs/api/) is
// written to a temporary directory as a module of its own, and all of them are type-checked in one run of the
// project's tsc, with the root tsconfig's options (strict, exactOptionalPropertyTypes, the `paths` that map
// embedded-portals to src/). A block that cannot stand alone opts out with `<!-- fragment -->` on the line
// right before its fence.

const root = join(import.meta.dirname, '../..')
const tsc = join(root, 'node_modules/.bin/tsc')
const FRAGMENT_MARKER = '<!-- fragment -->'
const EXTENSIONS: Record<string, 'ts' | 'tsx'> = { ts: 'ts', typescript: 'ts', tsx: 'tsx' }

interface CodeBlock {
  /** The Markdown file, relative to the repository root. */
  doc: string
  /** 1-based line of the opening fence; the block's line n is the doc's line `fence + n`. */
  fence: number
  /** The indentation removed from each line (a block inside a list item). */
  indent: number
  ext: 'ts' | 'tsx'
  code: string
  fragment: boolean
}

/** The TypeScript blocks of one Markdown text, fragments included (marked). */
function extractBlocks(doc: string, text: string): CodeBlock[] {
  const lines = text.split('\n')
  const blocks: CodeBlock[] = []
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^( *)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i] ?? '')
    if (!open) continue
    const [, indent = '', fence = '', info = ''] = open
    const closing = new RegExp(`^ *${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`)
    let end = i + 1
    while (end < lines.length && !closing.test(lines[end] ?? '')) end += 1
    const ext = EXTENSIONS[info.toLowerCase()]
    if (ext) {
      const body = lines.slice(i + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      blocks.push({
        doc,
        fence: i + 1,
        indent: indent.length,
        ext,
        code: `${body.join('\n')}\n`,
        fragment: (lines[i - 1] ?? '').trim() === FRAGMENT_MARKER,
      })
    }
    i = end
  }
  return blocks
}

function docFiles(): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`)
  return ['README.md', ...docs]
}

interface Diagnostic {
  /** `docs/dashboard.md:12:5`, or the file tsc named when it is not a doc block. */
  where: string
  code: string
  message: string
  block: CodeBlock | undefined
}

/** Parses `file(line,col): error TSnnnn: message` lines (with their indented continuations). */
function parseDiagnostics(output: string, cwd: string, files: ReadonlyMap<string, CodeBlock>): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const line of output.split('\n')) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line)
    if (match) {
      const [, file = '', row = '0', column = '0', code = '', message = ''] = match
      const block = files.get(resolve(cwd, file))
      const where = block
        ? `${block.doc}:${block.fence + Number(row)}:${block.indent + Number(column)}`
        : `${relative(root, resolve(cwd, file))}:${row}:${column}`
      diagnostics.push({ where, code, message, block })
    } else if (/^error (TS\d+): /.test(line)) {
      diagnostics.push({ where: 'tsc', code: line.slice(6, line.indexOf(':')), message: line, block: undefined })
    } else if (line.startsWith(' ') && diagnostics.length > 0) {
      const last = diagnostics[diagnostics.length - 1]
      if (last) last.message += `\n    ${line.trim()}`
    }
  }
  return diagnostics
}

const CANARY = 'canary.ts'

/** Writes the blocks and a canary with one known error, then runs tsc once over them. */
function typeCheck(blocks: readonly CodeBlock[]) {
  const dir = mkdtempSync(join(tmpdir(), 'doc-blocks-'))
  // Imports from the blocks (react, msw, vitest, express…) resolve as they would in the repository.
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
  const files = new Map<string, CodeBlock>()
  blocks.forEach((block, index) => {
    const slug = block.doc.replace(/[^a-z0-9]+/gi, '-')
    const file = join(dir, `${String(index).padStart(3, '0')}-${slug}-L${block.fence}.${block.ext}`)
    writeFileSync(file, block.code)
    files.set(file, block)
  })
  writeFileSync(join(dir, CANARY), "export const canary: number = 'not a number'\n")
  // `import 'embedded-portals/styles.css'`: a host's bundler types declare stylesheets (vite/client, Next.js).
  writeFileSync(join(dir, 'stylesheets.d.ts'), "declare module '*.css' {}\n")
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(root, 'tsconfig.json'),
      // Every block is a module, even one without import or export: no block sees another's names.
      compilerOptions: { moduleDetection: 'force', noEmit: true, incremental: false },
      include: ['./*.ts', './*.tsx'],
    }),
  )
  const started = performance.now()
  const result = spawnSync(tsc, ['-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  })
  const seconds = (performance.now() - started) / 1000
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
  return { dir, status: result.status, output, seconds, diagnostics: parseDiagnostics(output, dir, files) }
}

describe('extractBlocks', () => {
  it('finds ts, tsx and typescript fences, indented ones too, and reads the fragment marker', () => {
    const text = [
      '# Title', // 1
      '```ts', // 2
      'const a = 1', // 3
      '```', // 4
      '```sh', // 5
      'npm test', // 6
      '```', // 7
      '- item', // 8
      '  <!-- fragment -->', // 9
      '  ```tsx', // 10
      '  <Button />', // 11
      '  ```', // 12
      '````typescript', // 13
      '```', // 14
      '````', // 15
    ].join('\n')
    const blocks = extractBlocks('x.md', text)
    expect(blocks.map(({ fence, ext, fragment, indent }) => ({ fence, ext, fragment, indent }))).toEqual([
      { fence: 2, ext: 'ts', fragment: false, indent: 0 },
      { fence: 10, ext: 'tsx', fragment: true, indent: 2 },
      { fence: 13, ext: 'ts', fragment: false, indent: 0 },
    ])
    expect(blocks[1]?.code).toBe('<Button />\n')
    expect(blocks[2]?.code).toBe('```\n')
  })
})

describe('the code blocks of README.md and docs/*.md', () => {
  const all = docFiles().flatMap((doc) => extractBlocks(doc, readFileSync(join(root, doc), 'utf8')))
  const checked = all.filter((block) => !block.fragment)
  let dir: string | undefined
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('type-check under the root compiler options (mark a block that cannot stand alone <!-- fragment -->)', () => {
    const run = typeCheck(checked)
    dir = run.dir
    // biome-ignore lint/suspicious/noConsole: the figures are printed on every run, by design
    console.log(
      `doc blocks: ${checked.length} type-checked, ${all.length - checked.length} marked ${FRAGMENT_MARKER}, ` +
        `tsc took ${run.seconds.toFixed(1)} s`,
    )
    const canaryAt = `${relative(root, join(run.dir, CANARY))}:1:14`
    const errors = run.diagnostics.filter((d) => d.where !== canaryAt)
    expect(
      errors.map((d) => `${d.where} ${d.code} ${d.message}`),
      `the docs' code blocks do not compile (${FRAGMENT_MARKER} before the fence opts a fragment out)`,
    ).toEqual([])
    // The canary's error proves that tsc checked these files and that its output was understood.
    const canary = run.diagnostics.filter((d) => d.where === canaryAt)
    expect(
      canary.map((d) => d.code),
      `tsc did not report the canary's error:\n${run.output}`,
    ).toEqual(['TS2322'])
    expect(run.status, `tsc did not finish:\n${run.output}`).not.toBeNull()
    expect(checked.length).toBeGreaterThan(30)
  })
})
