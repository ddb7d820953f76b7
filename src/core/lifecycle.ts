/** A signed URL as the library holds it: normalised from any of the three success shapes. */
export interface SignedUrl {
  /** The URL, already checked by `assertSafeUrl`. A secret: never log or persist it. */
  url: string
  /** When the response arrived, by the user's clock (ms since epoch). */
  receivedAt: number
  /** `receivedAt` plus the lifetime the server gave; never derived by comparing clocks. */
  expiresAt: number
  /** True for `{redirectUrl}` answers: valid once, for `SINGLE_USE_LIFETIME_MS`. */
  singleUse: boolean
  /** The answer's `X-Request-Id`, when it carried one. */
  requestId?: string | undefined
}

/** A URL with less than this left is never opened or framed: the user would land on an expired page. */
export const MIN_REMAINING_MS = 10_000
/** The default refresh margin is the smaller of this and a quarter of the URL's lifetime. */
export const MAX_REFRESH_MARGIN_MS = 30_000
/** At most one refresh of a target per this interval, so `expires_in: 0` cannot loop. */
export const MIN_REFRESH_INTERVAL_MS = 5_000
/** The lifetime assumed for `{redirectUrl}` answers, which carry no expiry. */
export const SINGLE_USE_LIFETIME_MS = 60_000
/** Per-request timeout of the wire client. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000
/** `setTimeout` fires at once for longer delays; weeks-long `communications` links need the cap. */
const MAX_TIMER_DELAY_MS = 2_147_483_647

/** `receivedAt + expiresInSeconds`, for a finite `expires_in` (negative means already expired). */
export function expiresAtFrom(receivedAt: number, expiresInSeconds: number): number {
  return receivedAt + expiresInSeconds * 1000
}

/** The URL's whole lifetime as received (0 when it arrived expired). */
export function lifetimeMs(signed: SignedUrl): number {
  return Math.max(0, signed.expiresAt - signed.receivedAt)
}

/** How long before expiry to refresh: `configured` when given, else min(30 s, lifetime / 4). */
export function refreshMarginMs(signed: SignedUrl, configured?: number): number {
  const lifetime = lifetimeMs(signed)
  const margin = configured ?? Math.min(MAX_REFRESH_MARGIN_MS, lifetime / 4)
  return Math.min(Math.max(0, margin), lifetime)
}

/** The time at which a refresh is due: `expiresAt - refreshMargin`. */
export function refreshDueAt(signed: SignedUrl, configuredMargin?: number): number {
  return signed.expiresAt - refreshMarginMs(signed, configuredMargin)
}

/**
 * How long after arrival the URL counts as stale (so focus, reconnect and mount refetch it): until its
 * refresh is due, and never less than `MIN_REFRESH_INTERVAL_MS`.
 */
export function staleTimeMs(signed: SignedUrl, configuredMargin?: number): number {
  const untilDue = refreshDueAt(signed, configuredMargin) - signed.receivedAt
  return Math.min(Math.max(untilDue, MIN_REFRESH_INTERVAL_MS), MAX_TIMER_DELAY_MS)
}

/**
 * Delay until the next background refresh: at the refresh time, but no sooner than
 * `MIN_REFRESH_INTERVAL_MS` after the last attempt; `MIN_REFRESH_INTERVAL_MS` once overdue.
 */
export function refreshDelayMs(
  signed: SignedUrl,
  lastAttemptAt: number,
  now: number,
  configuredMargin?: number,
): number {
  const due = Math.max(refreshDueAt(signed, configuredMargin), lastAttemptAt + MIN_REFRESH_INTERVAL_MS)
  // Overdue means the interval fired while the page was hidden and skipped the refresh: look again in
  // 5 s rather than spin on a 1 ms interval. Becoming visible refetches at once anyway.
  if (due - now <= 0) return MIN_REFRESH_INTERVAL_MS
  return Math.min(due - now, MAX_TIMER_DELAY_MS)
}

/** Milliseconds left before the URL expires (negative once expired). */
export function remainingMs(signed: SignedUrl, now: number): number {
  return signed.expiresAt - now
}

/** Can this URL still be opened or framed? At least `minRemaining` of it must be left. */
export function isUsable(signed: SignedUrl | undefined, now: number, minRemaining: number = MIN_REMAINING_MS): boolean {
  return signed !== undefined && remainingMs(signed, now) >= minRemaining
}

/** Milliseconds from `now` to the first instant the URL is no longer usable (0 once it is not), capped for timers. */
export function usableForMs(signed: SignedUrl, now: number, minRemaining: number = MIN_REMAINING_MS): number {
  return Math.min(Math.max(remainingMs(signed, now) - minRemaining + 1, 0), MAX_TIMER_DELAY_MS)
}
