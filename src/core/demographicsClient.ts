import type { Demographics } from './demographics.js'
import { EmbedError } from './errors.js'
import { isRecord } from './untrusted.js'
import { type EmbedClientConfig, requestJson } from './wireClient.js'

/** What `GET` and `PUT {endpoint}/demographics` answer. Patient data: never log it. */
export interface DemographicsResponse {
  /** What is on file, or null when nothing is. */
  demographics: Demographics | null
  /** The required fields still absent or blank, as dotted paths (`address.zip`). */
  missing: string[]
}

/** `/demographics`, with `?subject=` when a subject is given (an empty one counts as none, as on the server). */
function demographicsPath(subject: string | undefined): string {
  return subject === undefined || subject === ''
    ? '/demographics'
    : `/demographics?subject=${encodeURIComponent(subject)}`
}

function invalid(what: string, status: number): EmbedError {
  // Only the shape is described, never a value: the body is patient data.
  return new EmbedError('invalid_response', undefined, {
    status,
    detail:
      process.env.NODE_ENV !== 'production' ? `The endpoint answered the demographics call with ${what}.` : undefined,
  })
}

/** Checks a success body strictly: `demographics` an object or null, `missing` an array of strings. */
function parseDemographicsBody(body: unknown, status: number): DemographicsResponse {
  const dev = process.env.NODE_ENV !== 'production'
  if (!isRecord(body)) throw invalid(dev ? 'a body that is not a JSON object' : '', status)
  const { demographics, missing } = body
  if (demographics !== null && !isRecord(demographics)) {
    throw invalid(dev ? 'a "demographics" field that is missing or neither an object nor null' : '', status)
  }
  if (!Array.isArray(missing) || !missing.every((item): item is string => typeof item === 'string')) {
    throw invalid(dev ? 'a "missing" field that is not a list of strings' : '', status)
  }
  return { demographics: demographics as Demographics | null, missing: [...missing] }
}

/**
 * `GET {endpoint}/demographics[?subject=…]`: what is on file for the signed-in user (or `subject`) and
 * which required fields are still missing. Fails with an `EmbedError` mapped as for signed-URL calls; a
 * malformed 200 body is `invalid_response`. An abort through `signal` rejects with the signal's reason.
 */
export async function fetchDemographics(
  config: EmbedClientConfig,
  subject: string | undefined,
  signal?: AbortSignal,
): Promise<DemographicsResponse> {
  const response = await requestJson(config, { method: 'GET', path: demographicsPath(subject), signal })
  return parseDemographicsBody(response.body, response.status)
}

/**
 * `PUT {endpoint}/demographics[?subject=…]` with the full object; answers what is then on file, as
 * `fetchDemographics`. A refusal is an `EmbedError`; a `422 validation_error` keeps the server's `fields`.
 */
export async function saveDemographics(
  config: EmbedClientConfig,
  demographics: Demographics,
  subject: string | undefined,
  signal?: AbortSignal,
): Promise<DemographicsResponse> {
  const response = await requestJson(config, {
    method: 'PUT',
    path: demographicsPath(subject),
    body: demographics,
    signal,
  })
  return parseDemographicsBody(response.body, response.status)
}
