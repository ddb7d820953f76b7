import { inviteReadTolerated, readInviteResults } from '../../core/inviteResults.js'
import { describeSkipped, readItems } from '../../core/itemReads.js'
import {
  type PortalCreateRequest,
  type PortalResponse,
  type PortalUpdateRequest,
  type PortalUserInviteRequest,
  type PortalUserInviteResponse,
  type PortalUserResponse,
  portalUserItem,
  readPortal,
} from '../../core/portalAdmin.js'
import {
  DEFAULT_VENDOR_TIMEOUT_MS,
  expectShape,
  type VendorCall,
  VendorError,
  type VendorHttpOptions,
  type VendorPath,
  vendorFetch,
  vendorPath,
} from './vendorFetch.js'

/** Dropping a portal's database takes longer than a read: its call waits at least this long. */
const DELETE_PORTAL_TIMEOUT_MS = 60_000

export interface PortalAdminOptions extends VendorHttpOptions {
  /** Admin key, sent as `Authorization: Bearer …`. */
  apiKey: string
  /** The API's base URL. */
  baseUrl: string
}

/**
 * A typed client of the portal-administration API (`/v1/portal`). Its schemas are not published, so lists
 * are read item by item: an item it cannot read is skipped and logged (its index and the wrong field, no
 * data), and a successful bulk invite is never reported as failed.
 */
export function createPortalAdminClient(options: PortalAdminOptions) {
  const base = options.baseUrl.replace(/\/+$/, '')
  const call = (
    operation: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    { path, template }: VendorPath,
    body?: unknown,
    signal?: AbortSignal,
    extra: Pick<VendorCall, 'timeoutMs' | 'readsBody'> = {},
  ) =>
    vendorFetch(options, {
      vendor: 'portalAdmin',
      operation,
      method,
      url: `${base}${path}`,
      template,
      headers: { authorization: `Bearer ${options.apiKey}` },
      body,
      signal,
      ...extra,
    })

  return {
    /** `POST /v1/portal`. */
    async createPortal(request: PortalCreateRequest, signal?: AbortSignal): Promise<PortalResponse> {
      return expectShape(
        'portalAdmin',
        'create portal',
        await call('create portal', 'POST', vendorPath('/v1/portal'), request, signal),
        readPortal,
      )
    },
    /** `PATCH /v1/portal/{portal_id}`. */
    async updatePortal(portalId: string, request: PortalUpdateRequest, signal?: AbortSignal): Promise<PortalResponse> {
      const body = await call(
        'update portal',
        'PATCH',
        vendorPath('/v1/portal/{portal_id}', { portal_id: portalId }),
        request,
        signal,
      )
      return expectShape('portalAdmin', 'update portal', body, readPortal)
    },
    /** `DELETE /v1/portal/{portal_id}`: drops the portal's database, so its timeout is at least 60 s. */
    async deletePortal(portalId: string, signal?: AbortSignal): Promise<void> {
      await call(
        'delete portal',
        'DELETE',
        vendorPath('/v1/portal/{portal_id}', { portal_id: portalId }),
        undefined,
        signal,
        {
          timeoutMs: Math.max(options.timeoutMs ?? DEFAULT_VENDOR_TIMEOUT_MS, DELETE_PORTAL_TIMEOUT_MS),
          readsBody: false,
        },
      )
    },
    /**
     * `POST /v1/portal/{portal_id}/users`: one result per address, in the order sent. An address whose
     * result is missing or cannot be read is `unconfirmed` (and logged), never `failed`.
     */
    async inviteUsers(
      portalId: string,
      request: PortalUserInviteRequest,
      signal?: AbortSignal,
    ): Promise<PortalUserInviteResponse> {
      const path = vendorPath('/v1/portal/{portal_id}/users', { portal_id: portalId })
      const body = await call('invite portal users', 'POST', path, request, signal).catch((error: unknown) => {
        // A success whose body cannot be read (not JSON, too large) still invited people: unconfirmed.
        const status = error instanceof VendorError && error.failure === 'invalid_response' ? error.status : undefined
        if (status !== undefined && status >= 200 && status < 300) return undefined
        throw error
      })
      const read = readInviteResults(request.users, body)
      if (inviteReadTolerated(read)) {
        options.logger?.warn('vendor answer had invite results the library cannot read or match', {
          vendor: 'portalAdmin',
          operation: 'invite portal users',
          listed: read.listed,
          skipped: read.skipped.length,
          items: describeSkipped(read.skipped),
          unmatched: read.unmatched,
          unconfirmed: read.unconfirmed,
        })
      }
      return { results: read.results }
    },
    /** `GET /v1/portal/{portal_id}/users`: the users that could be read (the others are skipped and logged). */
    async listUsers(portalId: string, signal?: AbortSignal): Promise<PortalUserResponse[]> {
      const body = await call(
        'list portal users',
        'GET',
        vendorPath('/v1/portal/{portal_id}/users', { portal_id: portalId }),
        undefined,
        signal,
      )
      const users = expectShape('portalAdmin', 'list portal users', body, (b): unknown[] | null =>
        Array.isArray(b) ? b : null,
      )
      const { values, skipped } = readItems(users, portalUserItem)
      if (skipped.length > 0) {
        options.logger?.warn('vendor answer had items the library cannot read; they were skipped', {
          vendor: 'portalAdmin',
          operation: 'list portal users',
          skipped: skipped.length,
          items: describeSkipped(skipped),
        })
      }
      return values
    },
    /** `DELETE /v1/portal/{portal_id}/users/{user_id}`. */
    async removeUser(portalId: string, userId: string, signal?: AbortSignal): Promise<void> {
      await call(
        'remove portal user',
        'DELETE',
        vendorPath('/v1/portal/{portal_id}/users/{user_id}', { portal_id: portalId, user_id: userId }),
        undefined,
        signal,
        { readsBody: false },
      )
    },
  }
}

export type PortalAdminClient = ReturnType<typeof createPortalAdminClient>
