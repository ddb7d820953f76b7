import { checkExpiresIn } from './expiresIn.js'
import { expectShape, isRecord, type VendorHttpOptions, vendorFetch, vendorPath } from './vendorFetch.js'

export interface JunctionManagementOptions extends VendorHttpOptions {
  /** Management key (`X-Management-Key`, starts with `mg_`). */
  managementKey: string
  /** The organisation's uuid. */
  orgId: string
  /** Default `https://api.management.junction.com`. */
  baseUrl?: string | undefined
}

/** The body of `create_dashboard_url`: one of each id pair, the feature, modality and environment. */
export interface CreateDashboardUrlBody {
  member_id?: string | undefined
  integration_member_id?: string | undefined
  team_id?: string | undefined
  integration_team_id?: string | undefined
  feature: string
  modality: 'feature_embed' | 'link_out'
  environment: 'production' | 'sandbox'
}

const JUNCTION_MANAGEMENT_BASE_URL = 'https://api.management.junction.com'

/** A typed client of Junction's Management API (Connect). */
export function createJunctionManagementClient(options: JunctionManagementOptions) {
  const base = (options.baseUrl ?? JUNCTION_MANAGEMENT_BASE_URL).replace(/\/+$/, '')
  return {
    /**
     * `POST /v1/org/{org_id}/ehr_integration/create_dashboard_url`. 422 carries a `detail` array. An
     * `expires_in` outside 10 s – 60 days is logged as a warning and passed on.
     */
    async createDashboardUrl(
      body: CreateDashboardUrlBody,
      signal?: AbortSignal,
    ): Promise<{ url: string; expires_in: number }> {
      const payload = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined))
      const { path, template } = vendorPath('/v1/org/{org_id}/ehr_integration/create_dashboard_url', {
        org_id: options.orgId,
      })
      const answer = await vendorFetch(options, {
        vendor: 'junctionManagement',
        operation: 'create dashboard URL',
        method: 'POST',
        url: `${base}${path}`,
        template,
        headers: { 'x-management-key': options.managementKey },
        body: payload,
        signal,
      })
      const signed = expectShape('junctionManagement', 'create dashboard URL', answer, (b) =>
        isRecord(b) && typeof b.url === 'string' && typeof b.expires_in === 'number'
          ? { url: b.url, expires_in: b.expires_in }
          : null,
      )
      checkExpiresIn(options, 'junctionManagement', 'create dashboard URL', signed.expires_in)
      return signed
    },
  }
}

export type JunctionManagementClient = ReturnType<typeof createJunctionManagementClient>
