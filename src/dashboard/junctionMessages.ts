import type { DashboardEmbedBaseProps } from './types.js'

const ORDER_CREATED = 'urn:junction:order:created'
const ORDER_CREATION_CANCELLED = 'urn:junction:order:creation_cancelled'

/** The embed's callbacks that accepted messages go to. */
export type DashboardMessageHandlers = Pick<
  DashboardEmbedBaseProps,
  'onOrderCreated' | 'onOrderCreationCancelled' | 'onMessage'
>

/** The parts of a `MessageEvent` the check reads. */
export interface IncomingMessage {
  source: unknown
  origin: string
  data: unknown
}

const UUID = /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i
const MAX_TYPE_LENGTH = 256

/** A plain object's fields; none for anything else (a missing field reads as `undefined`). */
const fieldsOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}

const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value)

/**
 * Accepts a message only when it comes from `frame` (the embed's own iframe window) and from `origin`
 * (the signed URL's origin), and has Junction's `{type, data}` shape. Known types must carry their
 * documented data (uuids) or the message is dropped. An accepted message goes to its own handler, if
 * any, then to `onMessage`; anything else is ignored. Never throws (the handlers aside).
 */
export function acceptDashboardMessage(
  event: IncomingMessage,
  frame: unknown,
  origin: string,
  handlers: DashboardMessageHandlers,
): void {
  if (!frame || event.source !== frame || event.origin !== origin) return
  const { type, data } = fieldsOf(event.data)
  if (typeof type !== 'string' || !type || type.length > MAX_TYPE_LENGTH) return
  const { order_id, user_id, team_id } = fieldsOf(data)
  if (type === ORDER_CREATED) {
    if (!isUuid(order_id) || !isUuid(user_id) || !isUuid(team_id)) return
    handlers.onOrderCreated?.({ orderId: order_id, userId: user_id, teamId: team_id })
  } else if (type === ORDER_CREATION_CANCELLED) {
    if (!isUuid(team_id) || (user_id !== null && !isUuid(user_id))) return
    handlers.onOrderCreationCancelled?.({ userId: user_id, teamId: team_id })
  }
  handlers.onMessage?.({ type, data })
}
