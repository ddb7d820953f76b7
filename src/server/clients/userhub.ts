import { expectShape, isRecord, segment, type VendorHttpOptions, vendorFetch } from './vendorFetch.js'

/** A user id as a path segment, keeping the `@` of `<externalId>@<connectionId>` as UserHub's own examples do. */
function userSegment(userId: string): string {
  return segment(userId).replace(/%40/g, '@')
}

export interface UserhubOptions extends VendorHttpOptions {
  /** Admin API key, sent as `Authorization: Bearer …`. */
  adminApiKey: string
  /** Default `https://api.userhub.com`. */
  baseUrl?: string | undefined
}

export interface UserhubPortalSessionRequest {
  portalUrl?: string | undefined
  returnUrl?: string | undefined
  successUrl?: string | undefined
  organizationId?: string | undefined
}

const USERHUB_BASE_URL = 'https://api.userhub.com'
const USERHUB_API_VERSION = '2025-05-01'

/** A typed client of UserHub's admin API. */
export function createUserhubClient(options: UserhubOptions) {
  const base = (options.baseUrl ?? USERHUB_BASE_URL).replace(/\/+$/, '')
  return {
    /**
     * `POST /admin/v1/users/{userId}:createPortalSession`. `userId` is a UserHub id or
     * `<externalId>@<connectionId>`, path-encoded here. The `redirectUrl` is single use.
     */
    async createPortalSession(
      userId: string,
      request: UserhubPortalSessionRequest = {},
      signal?: AbortSignal,
    ): Promise<{ redirectUrl: string }> {
      const payload = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined))
      const answer = await vendorFetch(options, {
        vendor: 'userhub',
        operation: 'create portal session',
        method: 'POST',
        url: `${base}/admin/v1/users/${userSegment(userId)}:createPortalSession`,
        template: '/admin/v1/users/{user_id}:createPortalSession',
        headers: { authorization: `Bearer ${options.adminApiKey}`, 'userhub-api-version': USERHUB_API_VERSION },
        body: payload,
        signal,
      })
      return expectShape('userhub', 'create portal session', answer, (b) =>
        isRecord(b) && typeof b.redirectUrl === 'string' ? { redirectUrl: b.redirectUrl } : null,
      )
    },
  }
}

export type UserhubClient = ReturnType<typeof createUserhubClient>
