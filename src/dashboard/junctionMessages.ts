/** A message the Junction Dashboard posted to its parent, accepted from the embed's own frame. */
export interface DashboardMessage {
  /** Such as `urn:junction:order:created`. */
  type: string
  data: unknown
}

/** `urn:junction:order:created`: an order was placed in the embedded dashboard. */
export interface OrderCreatedEvent {
  orderId: string
  userId: string
  teamId: string
}

/** `urn:junction:order:creation_cancelled`: the user left order creation without placing one. */
export interface OrderCreationCancelledEvent {
  /** Null when no patient had been chosen yet. */
  userId: string | null
  teamId: string
}

export const ORDER_CREATED = 'urn:junction:order:created'
export const ORDER_CREATION_CANCELLED = 'urn:junction:order:creation_cancelled'

/** What the embed does with one accepted message. */
export type ParsedDashboardMessage =
  | { kind: 'order-created'; message: DashboardMessage; event: OrderCreatedEvent }
  | { kind: 'order-creation-cancelled'; message: DashboardMessage; event: OrderCreationCancelledEvent }
  | { kind: 'other'; message: DashboardMessage }

/** The parts of a `MessageEvent` the check reads. */
export interface IncomingMessage {
  source: unknown
  origin: string
  data: unknown
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MAX_TYPE_LENGTH = 256

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value)

/**
 * Accepts a message only when it comes from `frame` (the embed's own iframe window) and from `origin`
 * (the signed URL's origin), and has Junction's `{type, data}` shape. Known types must carry their
 * documented data (uuids) or the message is dropped. Returns null for anything else; never throws.
 */
export function acceptDashboardMessage(
  event: IncomingMessage,
  frame: unknown,
  origin: string,
): ParsedDashboardMessage | null {
  if (frame === null || frame === undefined || event.source !== frame || event.origin !== origin) return null
  const raw = event.data
  if (!isRecord(raw)) return null
  const { type, data } = raw
  if (typeof type !== 'string' || type.length === 0 || type.length > MAX_TYPE_LENGTH) return null
  const message: DashboardMessage = { type, data }
  if (type === ORDER_CREATED) {
    if (!isRecord(data) || !isUuid(data.order_id) || !isUuid(data.user_id) || !isUuid(data.team_id)) return null
    return {
      kind: 'order-created',
      message,
      event: { orderId: data.order_id, userId: data.user_id, teamId: data.team_id },
    }
  }
  if (type === ORDER_CREATION_CANCELLED) {
    if (!isRecord(data) || !isUuid(data.team_id)) return null
    if (data.user_id !== null && !isUuid(data.user_id)) return null
    return { kind: 'order-creation-cancelled', message, event: { userId: data.user_id, teamId: data.team_id } }
  }
  return { kind: 'other', message }
}
