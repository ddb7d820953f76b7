import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const examples = readdirSync(join(root, 'docs/examples')).filter((name) => name.endsWith('.ts'))

describe('docs/server.md', () => {
  const page = readFileSync(join(root, 'docs/server.md'), 'utf8')

  it.each(examples)('shows docs/examples/%s exactly as it is type-checked', (name) => {
    const source = readFileSync(join(root, 'docs/examples', name), 'utf8').trimEnd()
    expect(page).toContain(source)
  })
})
