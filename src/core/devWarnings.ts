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
  if (detail !== undefined) warnDev(detail)
}

/**
 * In development builds, prints `text` with `console.warn`, once per distinct text for the page's life.
 * The text must hold no personal data (no email, name or id): field names, counts and indexes only.
 */
export function warnDev(text: string): void {
  if (process.env.NODE_ENV === 'production' || warned.has(text)) return
  warned.add(text)
  console.warn(`embedded-portals: ${text}`)
}
