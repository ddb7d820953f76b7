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

interface Candidate {
  /** The entry as typed, for the lists of what was set aside. */
  raw: string
  email: string
  name?: string
}

/** One piece of a line between separators: its words and `<address>` groups, and the separator after it. */
interface Piece {
  parts: ({ kind: 'text'; text: string } | { kind: 'address'; text: string; raw: string })[]
  separator: string
}

/**
 * Cuts one line into pieces at commas, semicolons and tabs outside quotes and angle brackets. A quote or
 * bracket that does not close on its line is an ordinary character, so a stray one spoils nothing else.
 */
function pieces(line: string): Piece[] {
  const out: Piece[] = []
  let current: Piece = { parts: [], separator: '' }
  let text = ''
  const flush = () => {
    if (text.trim() !== '') current.parts.push({ kind: 'text', text })
    text = ''
  }
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i)
    if (char === '"') {
      const close = line.indexOf('"', i + 1)
      if (close > i) {
        text += line.slice(i, close + 1)
        i = close
        continue
      }
    } else if (char === '<') {
      const close = line.indexOf('>', i + 1)
      const inner = close > i ? line.slice(i + 1, close) : ''
      if (close > i && !inner.includes('<')) {
        flush()
        current.parts.push({ kind: 'address', text: inner.trim(), raw: line.slice(i, close + 1) })
        i = close
        continue
      }
    } else if (char === ',' || char === ';' || char === '\t') {
      flush()
      current.separator = char
      out.push(current)
      current = { parts: [], separator: '' }
      continue
    }
    text += char
  }
  flush()
  out.push(current)
  return out.filter((piece) => piece.parts.length > 0)
}

/** Words outside quotes; a quoted run stays one word, quotes included. */
function words(text: string): string[] {
  return text.match(/"[^"]*"|[^\s"]+|"/g) ?? []
}

/** Letters, marks, spaces, apostrophes, dots and hyphens: what a last name is made of. */
const NAME = /^[\p{L}\p{M}' .-]+$/u
const looksLikeAddress = (word: string) => !word.startsWith('"') && word.includes('@')
const unquote = (name: string) => name.replace(/"/g, '').replace(/\s+/g, ' ').trim()
const bare = (word: string): Candidate => ({ raw: word, email: word.replace(/^mailto:/i, '') })

/**
 * A piece as candidate invites. `Name <address>` takes the words just before the brackets as the name;
 * words with an `@` are bare addresses; other words left over are one entry that is not an address.
 */
function pieceCandidates(piece: Piece, carriedName: string): { found: Candidate[]; leftover: string } {
  const found: Candidate[] = []
  let pending: string[] = carriedName ? [carriedName] : []
  const dropPending = () => {
    if (pending.length > 0) found.push(bare(pending.join(' ')))
    pending = []
  }
  for (const part of piece.parts) {
    if (part.kind === 'address') {
      const name = unquote(pending.join(' '))
      const raw = [...pending, part.raw].join(' ')
      const email = part.text.replace(/^mailto:/i, '')
      found.push(name ? { raw, email, name } : { raw, email })
      pending = []
      continue
    }
    for (const word of words(part.text)) {
      if (looksLikeAddress(word)) {
        dropPending()
        found.push(bare(word))
      } else pending.push(word)
    }
  }
  return { found, leftover: pending.join(' ') }
}

/** Does this piece start with a name and then `<address>` (nothing with an `@` before the brackets)? */
function opensWithNamedAddress(piece: Piece | undefined): boolean {
  if (!piece) return false
  for (const part of piece.parts) {
    if (part.kind === 'address') return true
    if (words(part.text).some(looksLikeAddress)) return false
  }
  return false
}

/**
 * Every candidate of a paste, line by line. A name alone before a comma and a `Name <address>` piece is
 * the last name of an address book's `Lovelace, Ada <ada@…>`, and joins that name.
 */
function candidates(text: string): Candidate[] {
  const out: Candidate[] = []
  for (const line of text.split(/\r\n|\r|\n/)) {
    const linePieces = pieces(line)
    let carried = ''
    linePieces.forEach((piece, index) => {
      const { found, leftover } = pieceCandidates(piece, carried)
      out.push(...found)
      carried = ''
      if (!leftover) return
      const onlyWords = found.length === 0
      if (onlyWords && piece.separator === ',' && NAME.test(leftover) && opensWithNamedAddress(linePieces[index + 1])) {
        carried = `${leftover},`
      } else out.push(bare(leftover))
    })
  }
  return out
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
  for (const candidate of candidates(text)) {
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
  return parsed
}

/** An invite as a line to paste again: `First Last <address>` when it has a name, else the address. */
export function formatInvite(invite: PortalUserInvite): string {
  const name = [invite.first_name, invite.last_name].filter(Boolean).join(' ')
  return name ? `${name.includes(',') ? `"${name}"` : name} <${invite.email}>` : invite.email
}
