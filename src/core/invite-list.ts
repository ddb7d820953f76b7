import { isInviteEmail, type PortalUserInvite } from './portal-admin.js'

/** What a pasted list of addresses holds, ready to send or to correct. */
export interface ParsedInviteList {
  /** Distinct valid addresses in the order first given, with a name when one came as `Name <address>`. */
  invites: PortalUserInvite[]
  /** Entries that are not email addresses, as typed. */
  invalid: string[]
  /** Addresses given again after their first time (compared without case), as typed. */
  duplicates: string[]
  /** Addresses that are already users of the portal, as typed; they are not sent. */
  existing: string[]
}

const SEPARATORS = new Set([',', ';', '\n', '\r', '\t'])

/** Splits on commas, semicolons, tabs and new lines that are outside quotes and angle brackets. */
function entries(text: string): string[] {
  const out: string[] = []
  let start = 0
  let quoted = false
  let angled = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i)
    if (char === '"') quoted = !quoted
    else if (char === '<' && !quoted) angled = true
    else if (char === '>' && !quoted) angled = false
    else if (!quoted && !angled && SEPARATORS.has(char)) {
      out.push(text.slice(start, i))
      start = i + 1
    }
  }
  out.push(text.slice(start))
  return out.map((entry) => entry.trim()).filter((entry) => entry !== '')
}

/** One entry as candidate invites: `Name <address>`, or one or more bare addresses separated by spaces. */
function candidates(entry: string): { raw: string; email: string; name?: string }[] {
  const named = /^(.*)<([^<>]*)>$/.exec(entry)
  if (named) {
    const name = (named[1] ?? '').replace(/"/g, '').trim()
    const email = (named[2] ?? '').trim()
    return [name ? { raw: entry, email, name } : { raw: entry, email }]
  }
  return entry.split(/\s+/).map((token) => ({ raw: token, email: token.replace(/^mailto:/i, '') }))
}

/** `Ada Lovelace` → first and last name; `Lovelace, Ada` as written in address books too. */
function splitName(name: string): Pick<PortalUserInvite, 'first_name' | 'last_name'> {
  const comma = name.indexOf(',')
  if (comma > 0) {
    const last = name.slice(0, comma).trim()
    const first = name.slice(comma + 1).trim()
    return { ...(first ? { first_name: first } : {}), ...(last ? { last_name: last } : {}) }
  }
  const parts = name.split(/\s+/)
  const first = parts[0] ?? ''
  const last = parts.slice(1).join(' ')
  return { ...(first ? { first_name: first } : {}), ...(last ? { last_name: last } : {}) }
}

/**
 * Reads addresses pasted from a spreadsheet, a mail client or by hand: separated by new lines, commas,
 * semicolons, tabs or spaces, each bare or as `Name <address>`. Keeps each address once, ignoring case,
 * and sets aside the invalid ones and those in `existingEmails` (already users) so nothing is sent twice.
 */
export function parseInviteList(text: string, existingEmails: Iterable<string> = []): ParsedInviteList {
  const existingSet = new Set<string>()
  for (const email of existingEmails) existingSet.add(email.toLowerCase())
  const seen = new Set<string>()
  const parsed: ParsedInviteList = { invites: [], invalid: [], duplicates: [], existing: [] }
  for (const entry of entries(text)) {
    for (const candidate of candidates(entry)) {
      const { email } = candidate
      if (!isInviteEmail(email)) {
        parsed.invalid.push(candidate.raw)
        continue
      }
      const key = email.toLowerCase()
      if (seen.has(key)) parsed.duplicates.push(candidate.raw)
      else if (existingSet.has(key)) parsed.existing.push(candidate.raw)
      else parsed.invites.push({ email, ...(candidate.name ? splitName(candidate.name) : {}) })
      seen.add(key)
    }
  }
  return parsed
}
