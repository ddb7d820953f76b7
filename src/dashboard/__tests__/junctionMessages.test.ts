import { describe, expect, it } from 'vitest'
import { acceptDashboardMessage } from '../junctionMessages.js'

const frame = { name: 'the frame' }
const origin = 'https://acme.ehr.junction.com'
const ids = {
  order_id: '11111111-1111-4111-8111-111111111111',
  user_id: '22222222-2222-4222-8222-222222222222',
  team_id: '33333333-3333-4333-8333-333333333333',
}
const created = { type: 'urn:junction:order:created', data: ids }

describe('acceptDashboardMessage', () => {
  it('turns an order-created message from the frame at its origin into camelCase ids', () => {
    expect(acceptDashboardMessage({ source: frame, origin, data: created }, frame, origin)).toEqual({
      kind: 'order-created',
      message: created,
      event: { orderId: ids.order_id, userId: ids.user_id, teamId: ids.team_id },
    })
  })

  it('accepts a cancellation with or without a patient', () => {
    const data = { type: 'urn:junction:order:creation_cancelled', data: { user_id: null, team_id: ids.team_id } }
    expect(acceptDashboardMessage({ source: frame, origin, data }, frame, origin)).toMatchObject({
      kind: 'order-creation-cancelled',
      event: { userId: null, teamId: ids.team_id },
    })
    const withUser = { ...data, data: { user_id: ids.user_id, team_id: ids.team_id } }
    expect(acceptDashboardMessage({ source: frame, origin, data: withUser }, frame, origin)).toMatchObject({
      event: { userId: ids.user_id },
    })
  })

  it('passes other well-formed messages on as they are', () => {
    const data = { type: 'urn:junction:something:new', data: [1, 2] }
    expect(acceptDashboardMessage({ source: frame, origin, data }, frame, origin)).toEqual({
      kind: 'other',
      message: data,
    })
  })

  it('ignores another window, another origin, and a frame that is gone', () => {
    expect(acceptDashboardMessage({ source: {}, origin, data: created }, frame, origin)).toBeNull()
    expect(acceptDashboardMessage({ source: null, origin, data: created }, frame, origin)).toBeNull()
    expect(
      acceptDashboardMessage({ source: frame, origin: 'https://evil.example', data: created }, frame, origin),
    ).toBeNull()
    expect(
      acceptDashboardMessage(
        { source: frame, origin: 'https://acme.ehr.junction.com.evil.example', data: created },
        frame,
        origin,
      ),
    ).toBeNull()
    expect(acceptDashboardMessage({ source: null, origin, data: created }, null, origin)).toBeNull()
  })

  it.each([
    ['a string', 'urn:junction:order:created'],
    ['null', null],
    ['an array', [created]],
    ['no type', { data: ids }],
    ['an empty type', { type: '', data: ids }],
    ['a huge type', { type: 'x'.repeat(257), data: ids }],
    ['created without data', { type: 'urn:junction:order:created' }],
    ['created with a bad order id', { ...created, data: { ...ids, order_id: 'nope' } }],
    ['created without a team', { ...created, data: { order_id: ids.order_id, user_id: ids.user_id } }],
    [
      'cancelled with a bad user',
      { type: 'urn:junction:order:creation_cancelled', data: { user_id: 7, team_id: ids.team_id } },
    ],
    ['cancelled without a team', { type: 'urn:junction:order:creation_cancelled', data: { user_id: null } }],
  ])('ignores a malformed message (%s) without throwing', (_name, data) => {
    expect(acceptDashboardMessage({ source: frame, origin, data }, frame, origin)).toBeNull()
  })
})
