import { describe, expect, it, vi } from 'vitest'
import { acceptDashboardMessage, type IncomingMessage } from '../junctionMessages.js'

const frame = { name: 'the frame' }
const origin = 'https://acme.ehr.junction.com'
const ids = {
  order_id: '11111111-1111-4111-8111-111111111111',
  user_id: '22222222-2222-4222-8222-222222222222',
  team_id: '33333333-3333-4333-8333-333333333333',
}
const created = { type: 'urn:junction:order:created', data: ids }

/** Hands one message to fresh handlers, from `frame` at `origin` unless told otherwise; returns them. */
function accept(event: Partial<IncomingMessage>, ownFrame: unknown = frame) {
  const handlers = { onOrderCreated: vi.fn(), onOrderCreationCancelled: vi.fn(), onMessage: vi.fn() }
  acceptDashboardMessage({ source: frame, origin, data: undefined, ...event }, ownFrame, origin, handlers)
  return handlers
}

function expectIgnored(handlers: ReturnType<typeof accept>) {
  expect(handlers.onOrderCreated).not.toHaveBeenCalled()
  expect(handlers.onOrderCreationCancelled).not.toHaveBeenCalled()
  expect(handlers.onMessage).not.toHaveBeenCalled()
}

describe('acceptDashboardMessage', () => {
  it('turns an order-created message from the frame at its origin into camelCase ids', () => {
    const handlers = accept({ data: created })
    expect(handlers.onOrderCreated).toHaveBeenCalledWith({
      orderId: ids.order_id,
      userId: ids.user_id,
      teamId: ids.team_id,
    })
    expect(handlers.onMessage).toHaveBeenCalledWith(created)
    expect(handlers.onOrderCreated.mock.invocationCallOrder[0]).toBeLessThan(
      handlers.onMessage.mock.invocationCallOrder[0] ?? 0,
    )
    expect(handlers.onOrderCreationCancelled).not.toHaveBeenCalled()
  })

  it('accepts a cancellation with or without a patient', () => {
    const data = { type: 'urn:junction:order:creation_cancelled', data: { user_id: null, team_id: ids.team_id } }
    expect(accept({ data }).onOrderCreationCancelled).toHaveBeenCalledWith({ userId: null, teamId: ids.team_id })
    const withUser = { ...data, data: { user_id: ids.user_id, team_id: ids.team_id } }
    expect(accept({ data: withUser }).onOrderCreationCancelled).toHaveBeenCalledWith({
      userId: ids.user_id,
      teamId: ids.team_id,
    })
  })

  it('passes other well-formed messages on as they are', () => {
    const data = { type: 'urn:junction:something:new', data: [1, 2] }
    const handlers = accept({ data })
    expect(handlers.onMessage).toHaveBeenCalledWith(data)
    expect(handlers.onOrderCreated).not.toHaveBeenCalled()
    expect(handlers.onOrderCreationCancelled).not.toHaveBeenCalled()
  })

  it('ignores another window, another origin, and a frame that is gone', () => {
    expectIgnored(accept({ source: {}, data: created }))
    expectIgnored(accept({ source: null, data: created }))
    expectIgnored(accept({ origin: 'https://evil.example', data: created }))
    expectIgnored(accept({ origin: 'https://acme.ehr.junction.com.evil.example', data: created }))
    expectIgnored(accept({ source: null, data: created }, null))
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
    expectIgnored(accept({ data }))
  })
})
