import { VendorError, type VendorHttpOptions, type VendorName } from './vendorFetch.js'

/** The shortest `expires_in` taken as plausible: 10 s. */
const MIN_EXPIRES_IN_S = 10
/** The longest `expires_in` taken as plausible: 60 days. */
const MAX_EXPIRES_IN_S = 60 * 24 * 3600

/**
 * Refuses a signed URL that has already expired (`expires_in` of 0 or below) as an `invalid_response`,
 * logged as an error, so that no such URL is handed out. Warns, through the client's logger, when
 * `expires_in` falls outside 10 s – 60 days: its unit is unpublished (seconds fits "minutes" and "weeks"),
 * so such a value is passed on as it is rather than refused. The lines hold the vendor, the operation and
 * the value: never the URL.
 */
export function checkExpiresIn(
  options: VendorHttpOptions,
  vendor: VendorName,
  operation: string,
  expiresIn: number,
): void {
  if (!(expiresIn > 0)) {
    options.logger?.error('vendor answered a signed URL that has already expired; it was not handed out', {
      vendor,
      operation,
      expiresIn,
    })
    throw new VendorError(vendor, operation, 'invalid_response', { status: 200 })
  }
  if (expiresIn >= MIN_EXPIRES_IN_S && expiresIn <= MAX_EXPIRES_IN_S) return
  options.logger?.warn('vendor answered an expires_in outside 10 s to 60 days; it is passed on as it is', {
    vendor,
    operation,
    expiresIn,
  })
}
