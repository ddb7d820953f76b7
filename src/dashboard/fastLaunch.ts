import { EmbedError } from '../core/errors.js'
import type { JunctionDashboardTarget } from '../core/target.js'

// A DNS label: what `{slug}.ehr.junction.com` can hold.
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/** The organisation's dashboard origin, `https://{slug}.ehr.junction.com`. */
export function junctionDashboardOrigin(slug: string): string {
  if (!SLUG.test(slug)) {
    throw new EmbedError('validation_error', undefined, {
      fields: [{ path: 'slug', message: 'must be a lowercase DNS label' }],
      detail:
        process.env.NODE_ENV !== 'production'
          ? `<DashboardEmbed slug> ${JSON.stringify(slug)} is not valid: use the lowercase name in https://{slug}.ehr.junction.com.`
          : undefined,
    })
  }
  return `https://${slug}.ehr.junction.com`
}

const PARAMS = [
  'member_id',
  'integration_member_id',
  'team_id',
  'integration_team_id',
  'modality',
  'feature',
  'environment',
] as const

/**
 * Junction Connect's Fast Launch URL for a dashboard target: `{origin}/auth/launch?…`. Junction sends the
 * browser on to the host's session-continuation route, which signs. Nothing secret is in it.
 */
export function fastLaunchUrl(origin: string, target: JunctionDashboardTarget): string {
  const url = new URL('/auth/launch', origin)
  for (const key of PARAMS) {
    const value = target[key]
    if (value !== undefined && value !== '') url.searchParams.set(key, value)
  }
  return url.href
}
