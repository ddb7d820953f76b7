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

/**
 * Junction Connect's Fast Launch URL for a dashboard target: `{origin}/auth/launch?…`, each of the
 * target's ids and settings a parameter. Junction sends the browser on to the host's session-continuation
 * route, which signs. Nothing secret is in it.
 */
export function fastLaunchUrl(origin: string, { kind: _, ...params }: JunctionDashboardTarget): string {
  const url = new URL('/auth/launch', origin)
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value)
  return url.href
}
