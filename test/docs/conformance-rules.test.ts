import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { conformanceRules } from '../../src/conformance/rules.js'
import type { TargetKind } from '../../src/core/target.js'

// docs/wire-protocol.md and the conformance check hold one list of rules: the table of "Checking an endpoint"
// is the check's list, and every MUST of the page names the rules that test it, or says why none can.

const page = readFileSync(join(import.meta.dirname, '../../docs/wire-protocol.md'), 'utf8')
const [protocol = '', checking = ''] = page.split('\n## Checking an endpoint\n')
const KINDS: TargetKind[] = ['junction.user_portal', 'junction.dashboard', 'userhub.portal']
const ruleIds = conformanceRules({ targets: KINDS, demographics: true, slow: true }).map((rule) => rule.id)

/** A rule id as the page writes it: `signed-url.<kind>` stands for one rule per kind. */
const expand = (id: string) => (id === 'signed-url.<kind>' ? KINDS.map((kind) => `signed-url.${kind}`) : [id])

/** The page's paragraphs (text between blank lines), each table row on its own. */
function blocks(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((block) => (block.trimStart().startsWith('|') ? block.split('\n') : [block]))
    .map((block) => block.replace(/\s+/g, ' ').trim())
}

describe('the rules of docs/wire-protocol.md are the conformance check’s', () => {
  it('lists, in "Checking an endpoint", exactly the check’s rules, in the order they run', () => {
    const listed = [...checking.matchAll(/^\| `([a-z][\w.<>-]*)` \|/gm)].flatMap((match) => expand(match[1] ?? ''))
    expect(listed).toEqual(ruleIds)
  })

  it('names, for every MUST, the rules that check it or why no check can', () => {
    const musts = blocks(protocol).filter((block) => /\bMUST\b/.test(block) && !block.startsWith('The key words'))
    expect(musts.length).toBeGreaterThanOrEqual(25)
    const unnamed = musts.filter((block) => !/\((?:checked|not checked): /.test(block))
    expect(unnamed).toEqual([])
    const named = musts.flatMap((block) =>
      [...block.matchAll(/\(checked(?:, for [^:]+)?: ([^)]*)\)/g)].flatMap((match) =>
        [...(match[1] ?? '').matchAll(/`([a-z][\w.<>-]*\.[\w.<>-]+)`/g)].map((id) => id[1] ?? ''),
      ),
    )
    expect(named.flatMap(expand).filter((id) => !ruleIds.includes(id))).toEqual([])
    // Every rule answers to at least one MUST of the page.
    expect(ruleIds.filter((id) => !named.flatMap(expand).includes(id))).toEqual([])
  })
})
