import type { SkippedItem } from './itemReads.js'
import { inviteResultItem, type PortalUserInvite, type PortalUserInviteResult } from './portalAdmin.js'
import { isRecord } from './untrusted.js'

/** A bulk invite's answer, read tolerantly: one result per address sent, and what had to be set aside. */
export interface InviteResultsRead {
  /** One per address sent, in the order sent; `unconfirmed` where no readable result matched it. */
  results: PortalUserInviteResult[]
  /** Results that could not be read: their index and the field that was wrong. */
  skipped: SkippedItem[]
  /** False when the answer held no `results` list at all. */
  listed: boolean
  /** Addresses reported `unconfirmed`. */
  unconfirmed: number
  /** Readable results that matched no address sent (dropped). */
  unmatched: number
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/**
 * Reads the answer of a successful bulk invite, whatever it holds: each address sent gets the readable
 * result at its own place when that result names it, else the first unused readable result that names it,
 * else `unconfirmed` (the request succeeded, so the address may well have been invited: it is never
 * reported `failed` for want of a readable result).
 */
export function readInviteResults(sent: readonly Pick<PortalUserInvite, 'email'>[], body: unknown): InviteResultsRead {
  const list = isRecord(body) && Array.isArray(body.results) ? body.results : null
  const readable: { result: PortalUserInviteResult; index: number; used: boolean }[] = []
  const skipped: SkippedItem[] = []
  for (const [index, item] of (list ?? []).entries()) {
    const read = inviteResultItem(item)
    if (read.ok) readable.push({ result: read.value, index, used: false })
    else skipped.push({ index, field: read.field })
  }
  const byIndex = new Map(readable.map((entry) => [entry.index, entry]))

  let unconfirmed = 0
  const results = sent.map(({ email }, index): PortalUserInviteResult => {
    const own = byIndex.get(index)
    const match =
      own && !own.used && sameAddress(own.result.email, email)
        ? own
        : readable.find((entry) => !entry.used && sameAddress(entry.result.email, email))
    if (match) {
      match.used = true
      return match.result
    }
    unconfirmed += 1
    return { email, status: 'unconfirmed', user_id: null, error: null }
  })
  const unmatched = readable.filter((entry) => !entry.used).length
  return { results, skipped, listed: list !== null, unconfirmed, unmatched }
}

/** Whether reading the answer had to set anything aside or fill anything in. */
export function inviteReadTolerated(read: InviteResultsRead): boolean {
  return !read.listed || read.skipped.length > 0 || read.unconfirmed > 0 || read.unmatched > 0
}
