import { isEmbedError } from './errors.js'

/** Retries after a network error, a timeout or a 5xx. */
const MAX_TRANSIENT_RETRIES = 3
/** Retries after a 408 or a 429. */
const MAX_RATE_LIMIT_RETRIES = 2
/** A `Retry-After` longer than this is not waited for: the error is shown with its `retryAfterMs`. */
const MAX_RETRY_AFTER_MS = 60_000
/** First backoff step; each retry doubles it. */
const BACKOFF_BASE_MS = 1_000
/** Backoff ceiling. */
const BACKOFF_MAX_MS = 8_000

function isRateLimit(error: unknown): boolean {
  return isEmbedError(error) && (error.status === 408 || error.status === 429)
}

function isTransient(error: unknown): boolean {
  if (!isEmbedError(error)) return false
  if (error.code === 'network') return true
  if (error.code === 'timeout' && error.status === undefined) return true
  return error.status !== undefined && error.status >= 500
}

/**
 * The retry rule. `failureCount` counts the failures before this one (0 after the first). No retry
 * for 4xx except 408 and 429 (twice at most); up to three for network errors, timeouts and 5xx; none
 * for anything else (unsafe or malformed answers, bugs); none, whatever the status, when the server's
 * `Retry-After` is over 60 s.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  const wait = isEmbedError(error) ? error.retryAfterMs : undefined
  if (wait !== undefined && wait > MAX_RETRY_AFTER_MS) return false
  if (isRateLimit(error)) return failureCount < MAX_RATE_LIMIT_RETRIES
  return isTransient(error) && failureCount < MAX_TRANSIENT_RETRIES
}

/**
 * Delay before retry number `failureCount + 1`: the server's `Retry-After` when it gave one, else
 * exponential backoff (1 s, 2 s, 4 s, capped at 8 s) with equal jitter (between half and all of it).
 */
export function retryDelayMs(failureCount: number, error: unknown, random: () => number = Math.random): number {
  if (isEmbedError(error) && error.retryAfterMs !== undefined) {
    return Math.min(Math.max(error.retryAfterMs, 0), MAX_RETRY_AFTER_MS)
  }
  const step = Math.min(BACKOFF_BASE_MS * 2 ** failureCount, BACKOFF_MAX_MS)
  return Math.round(step / 2 + random() * (step / 2))
}

/**
 * Reads `Retry-After` (seconds or an HTTP date) as milliseconds. A date is measured against the
 * response's own `Date` header when there is one, so the user's clock is not compared with the server's.
 */
export function parseRetryAfter(value: string | null, responseDate: string | null, now: number): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  // Date.parse reads "1.5" or "-1" as days in 2001; every HTTP-date form starts with the day's name.
  const at = /^[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN
  if (Number.isNaN(at)) return undefined
  const reference = responseDate === null ? Number.NaN : Date.parse(responseDate)
  return Math.max(0, at - (Number.isNaN(reference) ? now : reference))
}
