/** Whether a value from outside (a parsed JSON body) is a plain object whose members can be read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// No `\b` before the scheme: `_` and digits are word characters, so it let `id_https://…` through.
const URL_LIKE = /[a-z][a-z0-9+.-]*:\/\/\S+/gi
const MAX_MESSAGE_LENGTH = 300

/**
 * A server message made safe to show and to log: no URLs (they may be signed), bounded length. The text
 * is cut before any pattern runs on it, so a hostile message costs time linear in the limit, not its length.
 */
export function sanitizeMessage(message: string): string {
  const clean = message
    .slice(0, MAX_MESSAGE_LENGTH * 2)
    .replace(URL_LIKE, '[link removed]')
    .trim()
  return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : clean
}
