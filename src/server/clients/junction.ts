import { type Demographics, missingDemographics, REQUIRED_DEMOGRAPHIC_FIELDS } from '../../core/demographics.js'
import { checkExpiresIn } from './expiresIn.js'
import {
  expectShape,
  isRecord,
  VendorError,
  type VendorHttpOptions,
  type VendorPath,
  vendorFetch,
  vendorPath,
} from './vendorFetch.js'

export interface JunctionOptions extends VendorHttpOptions {
  /** Team API key (`x-vital-api-key`). */
  apiKey: string
  /** Default `'us'`. */
  region?: 'us' | 'eu' | undefined
  /** Default `'production'`. */
  environment?: 'production' | 'sandbox' | undefined
  /** Overrides the base URL that region and environment pick (simulators, proxies). */
  baseUrl?: string | undefined
}

export interface JunctionUser {
  user_id: string
  client_user_id: string | null
}

export interface JunctionPortalUrl {
  url: string
  expires_in: number
}

/** `https://api[.sandbox].{us|eu}.junction.com`. */
export function junctionBaseUrl(options: Pick<JunctionOptions, 'region' | 'environment' | 'baseUrl'>): string {
  if (options.baseUrl) return options.baseUrl.replace(/\/+$/, '')
  const sandbox = options.environment === 'sandbox' ? 'sandbox.' : ''
  return `https://api.${sandbox}${options.region ?? 'us'}.junction.com`
}

function readUser(body: unknown): JunctionUser | null {
  if (!isRecord(body) || typeof body.user_id !== 'string') return null
  return { user_id: body.user_id, client_user_id: typeof body.client_user_id === 'string' ? body.client_user_id : null }
}

function readPortalUrl(body: unknown): JunctionPortalUrl | null {
  if (!isRecord(body) || typeof body.url !== 'string' || typeof body.expires_in !== 'number') return null
  return { url: body.url, expires_in: body.expires_in }
}

/** The existing `user_id` in Junction's 400 "Client user id already exists." answer, if that is what it is. */
function conflictingUserId(error: unknown): string | null {
  if (!(error instanceof VendorError) || error.status !== 400 || !isRecord(error.body)) return null
  const detail = error.body.detail
  return isRecord(detail) && typeof detail.user_id === 'string' ? detail.user_id : null
}

/** A typed client of the Junction API calls this library makes. */
export function createJunctionClient(options: JunctionOptions) {
  const base = junctionBaseUrl(options)
  const headers = { 'x-vital-api-key': options.apiKey }
  const call = (
    operation: string,
    method: 'GET' | 'POST' | 'PATCH',
    { path, template }: VendorPath,
    body?: unknown,
    signal?: AbortSignal,
  ) =>
    vendorFetch(options, {
      vendor: 'junction',
      operation,
      method,
      url: `${base}${path}`,
      template,
      headers,
      body,
      signal,
    })

  return {
    /** `POST /v2/user`. A taken `client_user_id` fails with a 400 whose body holds the existing `user_id`. */
    async createUser(clientUserId: string, signal?: AbortSignal): Promise<JunctionUser> {
      const body = await call('create user', 'POST', vendorPath('/v2/user'), { client_user_id: clientUserId }, signal)
      return expectShape('junction', 'create user', body, readUser)
    },

    /** The `user_id` for `clientUserId`: created now, or recovered from the 400 conflict when it exists. */
    async ensureUser(clientUserId: string, signal?: AbortSignal): Promise<string> {
      try {
        return (await this.createUser(clientUserId, signal)).user_id
      } catch (error) {
        const existing = conflictingUserId(error)
        if (existing !== null) return existing
        throw error
      }
    },

    /**
     * `GET /v2/user/{user_id}/info/latest`; null when the user has none on file. Junction does not publish
     * how it says so: a 404, a 422, and a 200 whose required fields are all absent or blank all mean none.
     */
    async getDemographics(userId: string, signal?: AbortSignal): Promise<Record<string, unknown> | null> {
      try {
        const body = await call(
          'read demographics',
          'GET',
          vendorPath('/v2/user/{user_id}/info/latest', { user_id: userId }),
          undefined,
          signal,
        )
        return isRecord(body) && missingDemographics(body).length < REQUIRED_DEMOGRAPHIC_FIELDS.length ? body : null
      } catch (error) {
        if (error instanceof VendorError && (error.status === 404 || error.status === 422)) return null
        throw error
      }
    },

    /** `PATCH /v2/user/{user_id}/info` with the full object. */
    async saveDemographics(
      userId: string,
      demographics: Demographics,
      signal?: AbortSignal,
    ): Promise<Record<string, unknown>> {
      const body = await call(
        'save demographics',
        'PATCH',
        vendorPath('/v2/user/{user_id}/info', { user_id: userId }),
        demographics,
        signal,
      )
      return expectShape('junction', 'save demographics', body, (b) => (isRecord(b) ? b : null))
    },

    /**
     * `POST /v2/user/{user_id}/create_portal_url`. A user without demographics fails with a 422. An
     * `expires_in` outside 10 s – 60 days is logged as a warning and passed on.
     */
    async createPortalUrl(
      userId: string,
      request: { context: 'launch' | 'communications'; order_id?: string | undefined },
      signal?: AbortSignal,
    ): Promise<JunctionPortalUrl> {
      const payload = request.order_id
        ? { context: request.context, order_id: request.order_id }
        : { context: request.context }
      const body = await call(
        'create portal URL',
        'POST',
        vendorPath('/v2/user/{user_id}/create_portal_url', { user_id: userId }),
        payload,
        signal,
      )
      const portal = expectShape('junction', 'create portal URL', body, readPortalUrl)
      checkExpiresIn(options, 'junction', 'create portal URL', portal.expires_in)
      return portal
    },
  }
}

export type JunctionClient = ReturnType<typeof createJunctionClient>
