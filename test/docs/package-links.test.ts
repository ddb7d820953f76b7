import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { brokenLinks, headingAnchors, packedFiles } from '../../scripts/check-package-links.mjs'

// The package carries its docs: README.md's links into docs/ must lead somewhere in
// node_modules/embedded-portals, and `npm run check:package` (scripts/check-package-links.mjs) proves that
// every relative link of the shipped Markdown resolves inside the tarball.

const root = join(import.meta.dirname, '../..')

describe('the packed tarball', () => {
  const files = packedFiles(root)

  it('ships README.md, every docs/*.md page and the images they show, and no generated API page', () => {
    const docs = files.filter((file) => file.startsWith('docs/'))
    expect(files).toContain('README.md')
    expect(docs).toEqual(expect.arrayContaining(['docs/README.md', 'docs/ehr-frame.md', 'docs/images/demo.png']))
    expect(docs.filter((file) => file.startsWith('docs/api/'))).toEqual([])
  })

  it('has no relative link in its README or docs that leads outside it or to a missing heading', () => {
    expect(brokenLinks(files, (path) => readFileSync(join(root, path), 'utf8'))).toEqual([])
  })
})

describe('brokenLinks', () => {
  const pages: Record<string, string> = {
    'README.md': [
      '[Guide](docs/guide.md) [Shot](docs/images/shot.png) [Site](https://example.com/x) [Top](#top)',
      '![Picture](docs/images/missing.png)',
      'See `[not a link](docs/nowhere.md)` in code.',
      '```md',
      '[also not a link](docs/nowhere.md)',
      '```',
      '[ref]: docs/gone.md',
    ].join('\n'),
    'docs/guide.md': [
      '# Guide',
      '## 401, 403, 429',
      '## Sessions: a token or a `Partitioned` cookie',
      '## Sessions: a token or a `Partitioned` cookie',
      '[a](#401-403-429) [b](./guide.md#sessions-a-token-or-a-partitioned-cookie-1) [c](#no-such-heading)',
      '[d](../examples/app) [e](./images) [f](../README.md#top)',
    ].join('\n'),
  }
  const files = [...Object.keys(pages), 'docs/images/shot.png']
  const problems = brokenLinks(files, (path) => pages[path] ?? '')

  it('names each link to a file the tarball lacks, outside it, or to a heading its page lacks', () => {
    expect(problems).toEqual([
      'README.md:1: #top: README.md has no heading with the anchor #top',
      'README.md:2: docs/images/missing.png is not in the package',
      'README.md:7: docs/gone.md is not in the package',
      'docs/guide.md:5: #no-such-heading: docs/guide.md has no heading with the anchor #no-such-heading',
      'docs/guide.md:6: ../examples/app is not in the package',
      'docs/guide.md:6: ../README.md#top: README.md has no heading with the anchor #top',
    ])
  })

  it('takes GitHub’s anchors: punctuation and code marks dropped, spaces as hyphens, repeats numbered', () => {
    expect([...headingAnchors(pages['docs/guide.md'] ?? '')]).toEqual([
      'guide',
      '401-403-429',
      'sessions-a-token-or-a-partitioned-cookie',
      'sessions-a-token-or-a-partitioned-cookie-1',
    ])
  })
})
