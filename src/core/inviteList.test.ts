import { describe, expect, it } from 'vitest'
import { parseInviteList } from './inviteList.js'

describe('parseInviteList', () => {
  it('reads addresses separated by new lines, commas, semicolons, tabs and spaces', () => {
    const parsed = parseInviteList(
      'a@example.test\nb@example.test, c@example.test; d@example.test\te@example.test f@example.test',
    )
    expect(parsed.invites.map((invite) => invite.email)).toEqual([
      'a@example.test',
      'b@example.test',
      'c@example.test',
      'd@example.test',
      'e@example.test',
      'f@example.test',
    ])
    expect(parsed).toMatchObject({ invalid: [], duplicates: [], existing: [] })
  })

  it('keeps the names of `Name <address>` entries, including "Last, First" in quotes', () => {
    const parsed = parseInviteList(
      'Ada Lovelace <ada@example.test>, "Hopper, Grace" <grace@example.test>\nAlan <alan@example.test>',
    )
    expect(parsed.invites).toEqual([
      { email: 'ada@example.test', first_name: 'Ada', last_name: 'Lovelace' },
      { email: 'grace@example.test', first_name: 'Grace', last_name: 'Hopper' },
      { email: 'alan@example.test', first_name: 'Alan' },
    ])
  })

  it('sends each address once, ignoring case, and reports the repeats as typed', () => {
    const parsed = parseInviteList('ada@example.test\nADA@Example.test\nada@example.test')
    expect(parsed.invites).toEqual([{ email: 'ada@example.test' }])
    expect(parsed.duplicates).toEqual(['ADA@Example.test', 'ada@example.test'])
  })

  it('sets aside what is not an address, and those already users of the portal', () => {
    const parsed = parseInviteList('ada@example.test, not-an-address, bob@, @x.test, a@b, grace@example.test', [
      'Grace@Example.test',
    ])
    expect(parsed.invites).toEqual([{ email: 'ada@example.test' }])
    expect(parsed.invalid).toEqual(['not-an-address', 'bob@', '@x.test', 'a@b'])
    expect(parsed.existing).toEqual(['grace@example.test'])
  })

  it('strips mailto: and ignores blank entries', () => {
    const parsed = parseInviteList(',, mailto:ada@example.test ;;\n\n')
    expect(parsed.invites).toEqual([{ email: 'ada@example.test' }])
    expect(parsed.invalid).toEqual([])
  })

  it('finds nothing in an empty paste', () => {
    expect(parseInviteList('   \n ')).toEqual({ invites: [], invalid: [], duplicates: [], existing: [] })
  })

  it('reads a paste of 5,000 named addresses, one already a user', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `User ${i} <user${i}@example.test>`).join('\n')
    const parsed = parseInviteList(text, ['user0@example.test'])
    expect(parsed.invites).toHaveLength(4999)
    expect(parsed.invites[4998]).toEqual({ email: 'user4999@example.test', first_name: 'User', last_name: '4999' })
    expect(parsed.existing).toEqual(['User 0 <user0@example.test>'])
  })

  it('finds every address of a line that mixes bare and named ones', () => {
    const parsed = parseInviteList(
      'ada@example.test Bob Smith <bob@example.test>\nAda <ada2@example.test> Bob <bob2@example.test>',
    )
    expect(parsed.invites).toEqual([
      { email: 'ada@example.test' },
      { email: 'bob@example.test', first_name: 'Bob', last_name: 'Smith' },
      { email: 'ada2@example.test', first_name: 'Ada' },
      { email: 'bob2@example.test', first_name: 'Bob' },
    ])
    expect(parsed.invalid).toEqual([])
  })

  it('reads "Last, First <address>; …" as an address book writes it, without quotes', () => {
    const parsed = parseInviteList('Lovelace, Ada <ada@example.test>; Hopper, Grace <grace@example.test>')
    expect(parsed.invites).toEqual([
      { email: 'ada@example.test', first_name: 'Ada', last_name: 'Lovelace' },
      { email: 'grace@example.test', first_name: 'Grace', last_name: 'Hopper' },
    ])
    expect(parsed.invalid).toEqual([])
  })

  it('keeps a word before a comma as not an address when no named address follows it', () => {
    const parsed = parseInviteList('nope, ada@example.test\nnot an address')
    expect(parsed.invites).toEqual([{ email: 'ada@example.test' }])
    expect(parsed.invalid).toEqual(['nope', 'not an address'])
  })

  it('lets a stray quote or bracket spoil nothing after it', () => {
    const parsed = parseInviteList(
      'Dwayne "The Rock <rock@example.test>, Ada <ada@example.test>\nx < y, Grace <grace@example.test>\n"Hopper, Grace" <g2@example.test>',
    )
    expect(parsed.invites).toEqual([
      { email: 'rock@example.test', first_name: 'Dwayne', last_name: 'The Rock' },
      { email: 'ada@example.test', first_name: 'Ada' },
      { email: 'grace@example.test', first_name: 'Grace' },
      { email: 'g2@example.test', first_name: 'Grace', last_name: 'Hopper' },
    ])
    expect(parsed.invalid).toEqual(['x < y'])
  })
})
