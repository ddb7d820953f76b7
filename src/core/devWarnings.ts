import { isEmbedError } from './errors.js'

const warned = new Set<string>()

/**
 * In development builds, prints an error's `detail` with `console.warn`, once per distinct text for the
 * page's life, so that the developer learns what was compared and which option changes it. Production
 * builds drop the call and the text with it.
 */
export function warnDetail(error: unknown): void {
  if (process.env.NODE_ENV === 'production') return
  const detail = isEmbedError(error) ? error.detail : undefined
  if (detail === undefined || warned.has(detail)) return
  warned.add(detail)
  console.warn(`embedded-portals: ${detail}`)
}
