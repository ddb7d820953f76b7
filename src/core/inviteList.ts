import { isInviteEmail, type PortalUserInvite, personName } from './portalAdmin.js'

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

/**
 * One token of a line: a quoted run (one word, quotes included), an `<address>` (group 1), a separator
 * (group 2: comma, semicolon or tab), a word, or a stray quote. A quote or bracket that does not close on
 * its line is an ordinary character, so a stray one spoils nothing else.
 */
const TOKEN = /"[^"]*"|<([^<>]*)>|([,;\t])|(?:[^\s"<,;\t]|<(?![^<>]*>))+|"/g
/** Letters, marks, spaces, apostrophes, dots and hyphens: what a last name is made of. */
const NAME = /^[\p{L}\p{M}' .-]+$/u
const mailbox = (text: string) => text.replace(/^mailto:/i, '')

/**
 * Every entry of a paste, in order: the entry as typed, its address, and its name if any. In each piece
 * between separators, `Name <address>` takes the words just before the brackets as the name, words with an
 * `@` are bare addresses, and the other words left over are one entry that is not an address. A name alone
 * before a comma is the last name of an address book's `Lovelace, Ada <ada@…>` when the next piece opens
 * with `Name <address>`, and joins that name.
 */
function readEntries(text: string, take: (raw: string, email: string, name?: string) => void): void {
  const bare = (raw: string) => take(raw, mailbox(raw))
  for (const line of text.split(/\r\n|\r|\n/)) {
    let words: string[] = []
    let found = false
    // A last name before a comma, until the next piece tells whether a named address follows it.
    let lastName = ''
    const settle = (joins: boolean) => {
      if (lastName && joins) words.unshift(`${lastName},`)
      else if (lastName) bare(lastName)
      lastName = ''
    }
    const endPiece = (separator = '') => {
      // A piece that gave no address does not open with a named address.
      if (!found && words.length > 0) settle(false)
      const leftover = words.join(' ')
      if (!found && separator === ',' && NAME.test(leftover)) lastName = leftover
      else if (leftover) bare(leftover)
      words = []
      found = false
    }
    for (const [token, address, separator] of line.matchAll(TOKEN)) {
      if (separator) endPiece(separator)
      else if (address !== undefined) {
        settle(true)
        const name = words.join(' ').replace(/"/g, '').replace(/\s+/g, ' ').trim()
        take([...words, token].join(' '), mailbox(address.trim()), name)
        words = []
        found = true
      } else if (!token.startsWith('"') && token.includes('@')) {
        settle(false)
        if (words.length > 0) bare(words.join(' '))
        bare(token)
        words = []
        found = true
      } else words.push(token)
    }
    endPiece()
    settle(false)
  }
}

/** The invite of an address, its name split: `Ada Lovelace`, and `Lovelace, Ada` as address books write it. */
function toInvite(email: string, name = ''): PortalUserInvite {
  const comma = name.indexOf(',')
  const cut = comma > 0 ? comma : name.indexOf(' ')
  const before = cut < 0 ? name : name.slice(0, cut).trim()
  const after = cut < 0 ? '' : name.slice(cut + 1).trim()
  const [first, last] = comma > 0 ? [after, before] : [before, after]
  const invite: PortalUserInvite = { email }
  if (first) invite.first_name = first
  if (last) invite.last_name = last
  return invite
}

/**
 * Reads addresses pasted from a spreadsheet, a mail client or by hand: separated by new lines, commas,
 * semicolons, tabs or spaces, each bare or as `Name <address>`. Keeps each address once, ignoring case,
 * and sets aside the invalid ones and those in `existingEmails` (already users) so nothing is sent twice.
 */
export function parseInviteList(text: string, existingEmails: Iterable<string> = []): ParsedInviteList {
  const existing = new Set(Array.from(existingEmails, (email) => email.toLowerCase()))
  const seen = new Set<string>()
  const parsed: ParsedInviteList = { invites: [], invalid: [], duplicates: [], existing: [] }
  readEntries(text, (raw, email, name) => {
    const key = email.toLowerCase()
    if (!isInviteEmail(email)) parsed.invalid.push(raw)
    else if (seen.has(key)) parsed.duplicates.push(raw)
    else {
      seen.add(key)
      if (existing.has(key)) parsed.existing.push(raw)
      else parsed.invites.push(toInvite(email, name))
    }
  })
  return parsed
}

/** An invite as a line to paste again: `First Last <address>` when it has a name, else the address. */
export function formatInvite(invite: PortalUserInvite): string {
  const name = personName(invite)
  return name ? `${name.includes(',') ? `"${name}"` : name} <${invite.email}>` : invite.email
}
