import type { AuditEvent, AuditSink } from './options.js'
import type { EmbedLogger } from './types.js'

/**
 * Hands the event to the host's sink and waits for it. A sink that throws or rejects is logged with its
 * error's name only (its message may quote the event) and never changes the answer.
 */
export async function deliverAuditEvent(
  sink: AuditSink | undefined,
  event: AuditEvent,
  logger: EmbedLogger | undefined,
): Promise<void> {
  if (!sink) return
  try {
    await sink(event)
  } catch (error) {
    logger?.error('audit sink failed', {
      route: event.route,
      requestId: event.requestId,
      error: error instanceof Error ? error.name : typeof error,
      option: 'audit',
    })
  }
}
