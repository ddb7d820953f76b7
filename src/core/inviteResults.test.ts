import { describe, expect, it } from 'vitest'
import { inviteReadTolerated, readInviteResults } from './inviteResults.js'
import { portalUserItem } from './portalAdmin.js'

const sent = [{ email: 'ada@example.test' }, { email: 'bob@example.test' }, { email: 'cy@example.test' }]
const result = (email: string, status = 'invited') => ({ email, status, user_id: `id-${email}`, error: null })

describe('readInviteResults', () => {
  it('keeps one result per address, in order, when every result reads', () => {
    const read = readInviteResults(sent, { results: sent.map(({ email }) => result(email)) })
    expect(read.results.map((r) => r.status)).toEqual(['invited', 'invited', 'invited'])
    expect(inviteReadTolerated(read)).toBe(false)
  })

  it('skips a result it cannot read, naming its index and field, and reports that address unconfirmed', () => {
    const body = { results: [result('ada@example.test'), result('bob@example.test', 'queued'), { status: 'linked' }] }
    const read = readInviteResults(sent, body)
    expect(read.results).toEqual([
      { email: 'ada@example.test', status: 'invited', user_id: 'id-ada@example.test', error: null },
      { email: 'bob@example.test', status: 'unconfirmed', user_id: null, error: null },
      { email: 'cy@example.test', status: 'unconfirmed', user_id: null, error: null },
    ])
    expect(read.skipped).toEqual([
      { index: 1, field: 'status' },
      { index: 2, field: 'email' },
    ])
    expect(read.unconfirmed).toBe(2)
    expect(inviteReadTolerated(read)).toBe(true)
  })

  it('matches results by address when they come in another order, missing or with extras', () => {
    const body = {
      results: [
        result('CY@example.test', 'linked'),
        result('stranger@example.test'),
        result('ada@example.test', 'failed'),
        'not an object',
      ],
    }
    const read = readInviteResults(sent, body)
    expect(read.results.map((r) => [r.email, r.status])).toEqual([
      ['ada@example.test', 'failed'],
      ['bob@example.test', 'unconfirmed'],
      ['CY@example.test', 'linked'],
    ])
    expect(read.skipped).toEqual([{ index: 3, field: 'item' }])
    expect(read.unmatched).toBe(1)
  })

  it('gives a repeated address each of its results in turn', () => {
    const twice = [{ email: 'ada@example.test' }, { email: 'ada@example.test' }]
    const read = readInviteResults(twice, {
      results: [result('ada@example.test'), { ...result('ada@example.test', 'failed'), error: 'repeated' }],
    })
    expect(read.results.map((r) => r.status)).toEqual(['invited', 'failed'])
  })

  it('reports every address unconfirmed, never failed, when the answer has no results list', () => {
    for (const body of [undefined, {}, { results: 'done' }, []]) {
      const read = readInviteResults(sent, body)
      expect(read.listed).toBe(false)
      expect(read.results.every((r) => r.status === 'unconfirmed')).toBe(true)
    }
  })
})

describe('portalUserItem', () => {
  it('names the first field it cannot read, or the item when it is not an object', () => {
    expect(portalUserItem(null)).toEqual({ ok: false, field: 'item' })
    expect(portalUserItem({ email: 'a@b.test' })).toEqual({ ok: false, field: 'id' })
    expect(portalUserItem({ id: 'u1', email: 7 })).toEqual({ ok: false, field: 'email' })
    expect(portalUserItem({ id: 'u1', email: 'a@b.test', extra: true })).toMatchObject({ ok: true })
  })
})
