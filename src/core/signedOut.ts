import { isEmbedError } from './errors.js'

/** True for the answer a signed-out user gets: `unauthorized` (401). */
export function isSignedOut(error: unknown): boolean {
  return isEmbedError(error) && error.code === 'unauthorized'
}

/**
 * For react-query's `refetchOnWindowFocus` and `refetchOnReconnect`: refetch as usual, except a query
 * whose last answer was a 401. Coming back to the window or the network does not sign the user in, so
 * asking again would only repeat the refusal; the user's next action asks once.
 */
export function unlessSignedOut(query: { state: { error: unknown } }): boolean {
  return !isSignedOut(query.state.error)
}
