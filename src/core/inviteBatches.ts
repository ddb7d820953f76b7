import { EmbedError, type EmbedFieldError, isEmbedError } from './errors.js'
import {
  isInviteEmail,
  MAX_INVITES_PER_REQUEST,
  type PortalUserInvite,
  type PortalUserInviteResponse,
  type PortalUserInviteResult,
} from './portalAdmin.js'
import { postPortalUserInvites } from './portalAdminClient.js'
import type { EmbedClientConfig } from './wireClient.js'

/** The reason given to an address whose batch failed, from the error's field errors or its message. */
function reasonFor(error: EmbedError, indexInBatch: number): string {
  const prefix = `users.${indexInBatch}.`
  const own = (error.fields ?? []).filter((field) => field.path.startsWith(prefix))
  return own.length > 0 ? own.map((field) => field.message).join(' ') : error.message
}

/**
 * Invites `users` to a portal in requests of at most 500, one after the other, and answers one result
 * per address in the order given.
 *
 * - An address that is not one rejects with `validation_error` before any request; its field paths
 *   (`users.7.email`) count from the start of the whole list.
 * - The first request failing rejects with its `EmbedError`: nobody was invited.
 * - A later request failing does not throw away what was done: the addresses already answered keep
 *   their results, and each one not confirmed is `failed`, with its field error or the error's message.
 * - A request that succeeded never counts as failed: an address whose result is missing or cannot be
 *   read is `unconfirmed` (it may have been invited), and a development warning says which fields of
 *   which results were wrong.
 */
export async function inviteInBatches(
  config: EmbedClientConfig,
  portalId: string,
  users: readonly PortalUserInvite[],
  signal?: AbortSignal,
): Promise<PortalUserInviteResponse> {
  const refused = users.flatMap((user, index): EmbedFieldError[] =>
    isInviteEmail(user.email) ? [] : [{ path: `users.${index}.email`, message: 'must be an email address' }],
  )
  if (refused.length > 0) {
    throw new EmbedError('validation_error', 'Some addresses are not email addresses.', {
      fields: refused,
      detail:
        process.env.NODE_ENV !== 'production'
          ? `${refused.length} of ${users.length} invites have no valid email address (their indexes are in ` +
            'fields); no request was sent.'
          : undefined,
    })
  }
  const results: PortalUserInviteResult[] = []
  for (let start = 0; start < users.length; start += MAX_INVITES_PER_REQUEST) {
    const batch = users.slice(start, start + MAX_INVITES_PER_REQUEST)
    try {
      results.push(...(await postPortalUserInvites(config, portalId, batch, signal)).results)
    } catch (error) {
      if (start === 0 || !isEmbedError(error)) throw error
      for (const [index, user] of users.slice(start).entries()) {
        const reason = index < batch.length ? reasonFor(error, index) : error.message
        results.push({ email: user.email, status: 'failed', user_id: null, error: reason })
      }
      break
    }
  }
  return { results }
}
