#!/usr/bin/env node
/**
 * Every relative link of the Markdown files the package ships (README.md, docs/*.md) must resolve inside the
 * packed tarball, as `npm pack --dry-run --json` lists it: to a shipped file (or a folder holding one), and,
 * for a `#fragment` into a shipped Markdown file, to one of its headings (GitHub's anchors). Links with a
 * scheme (`https:`, `mailto:`) and links inside code are not checked. Exits 1 naming each broken link.
 *
 *   node scripts/check-package-links.mjs      (in `npm run check:package`)
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The files `npm pack` would put in the tarball, relative to the package root. */
export function packedFiles(root) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const output = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const [pack] = JSON.parse(output)
  return pack.files.map((file) => file.path)
}

/** Markdown without its fenced code blocks and inline code spans, lines kept (so that line numbers hold). */
function withoutCode(text) {
  const lines = text.split('\n')
  let fence = null
  return lines
    .map((line) => {
      const open = /^\s*(`{3,}|~{3,})/.exec(line)
      if (fence) {
        if (open && open[1][0] === fence[0] && open[1].length >= fence.length) fence = null
        return ''
      }
      if (open) {
        fence = open[1]
        return ''
      }
      return line.replace(/(`+)(?:(?!\1).)+?\1/g, '')
    })
    .join('\n')
}

/** The link targets of a Markdown text, with their line: inline links and images, and reference definitions. */
export function markdownLinks(text) {
  const links = []
  withoutCode(text)
    .split('\n')
    .forEach((line, index) => {
      for (const match of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        links.push({ target: match[1], line: index + 1 })
      }
      const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line)
      if (definition) links.push({ target: definition[1], line: index + 1 })
    })
  return links
}

/** GitHub's anchor for each heading of a Markdown text (`## 401, 403, 429` → `401-403-429`), duplicates numbered. */
export function headingAnchors(text) {
  const seen = new Map()
  const anchors = new Set()
  for (const line of text.replace(/^(`{3,}|~{3,})[\s\S]*?^\1/gm, '').split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!heading) continue
    const base = heading[1]
      .replace(/<[^>]+>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

/**
 * The broken relative links of the shipped Markdown files: `read(path)` gives a shipped file's text.
 * @param {readonly string[]} files the tarball's files
 * @param {(path: string) => string} read
 * @returns {string[]} one line per broken link: `docs/server.md:12: ../examples/x is not in the package`
 */
export function brokenLinks(files, read) {
  const shipped = new Set(files)
  const folders = new Set(
    files.flatMap((file) =>
      file
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  )
  const problems = []
  for (const doc of files.filter(
    (file) => file.endsWith('.md') && (file === 'README.md' || /^docs\/[^/]+\.md$/.test(file)),
  )) {
    for (const { target, line } of markdownLinks(read(doc))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue
      const [pathPart = '', fragment] = target.split('#')
      const path = decodeURIComponent(pathPart.split('?')[0] ?? '')
      const resolved =
        path === ''
          ? doc
          : normalize(join(dirname(doc), path))
              .replace(/\\/g, '/')
              .replace(/\/$/, '')
      const where = `${doc}:${line}: ${target}`
      if (resolved.startsWith('../') || !(shipped.has(resolved) || folders.has(resolved))) {
        problems.push(`${where} is not in the package`)
        continue
      }
      if (fragment && resolved.endsWith('.md') && !headingAnchors(read(resolved)).has(fragment)) {
        problems.push(`${where}: ${resolved} has no heading with the anchor #${fragment}`)
      }
    }
  }
  return problems
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const files = packedFiles(root)
  const problems = brokenLinks(files, (path) => readFileSync(join(root, path), 'utf8'))
  const docs = files.filter((file) => file.endsWith('.md')).length
  if (problems.length > 0) {
    process.stderr.write(`Links in the packed README and docs that lead nowhere inside the package:\n`)
    for (const problem of problems) process.stderr.write(`  ${problem}\n`)
    process.exitCode = 1
  } else {
    process.stdout.write(`Every relative link of the ${docs} shipped Markdown files resolves inside the package.\n`)
  }
}
