/** Counts of one bulk invite, for the summary above its results. */
export interface InviteCounts {
  invited: number
  linked: number
  failed: number
  /** Sent, but their results could not be read: they may have been invited (the list tells). */
  unconfirmed?: number | undefined
  skipped: number
}

/** Every text `<PortalUsersManager>` shows; override any of them (i18n). */
export interface PortalUsersManagerMessages {
  /** While the users are read. */
  loading: string
  /** When they could not be read; the error's message follows. */
  loadFailed: string
  retry: string
  /** The table's caption. */
  caption: string
  searchLabel: string
  columnEmail: string
  columnName: string
  columnStatus: string
  columnDate: string
  columnActions: string
  statusActive: string
  statusInvited: string
  invitedOn: (date: string) => string
  joinedOn: (date: string) => string
  /** When the portal has no users. */
  empty: string
  /** When the search matches no one. */
  noMatches: (query: string) => string
  /** How many users the table holds. */
  count: (shown: number, total: number) => string
  /** The accessible name of a row's remove button. */
  removeLabel: (email: string) => string
  remove: string
  confirmRemove: (email: string) => string
  confirm: string
  cancel: string
  /** Announced once a removal succeeded. */
  removed: (email: string) => string
  /** Shown when a removal failed and the user was put back. */
  removeFailed: (email: string, reason: string) => string
  pagination: string
  previous: string
  next: string
  page: (page: number, pages: number) => string
  inviteLabel: string
  inviteHint: string
  send: string
  sending: string
  nothingToSend: string
  /** The whole request failed; nothing was invited. */
  inviteFailed: (reason: string) => string
  resultsSummary: (counts: InviteCounts) => string
  resultInvited: string
  resultLinked: string
  resultFailed: (reason: string) => string
  /** An address the request was sent for, whose result could not be read. */
  resultUnconfirmed: string
  resultSkipped: (reason: string) => string
  notAnEmail: string
  duplicate: string
  alreadyUser: string
}

const number = (n: number) => n.toLocaleString('en-US')

export const DEFAULT_PORTAL_USERS_MESSAGES: PortalUsersManagerMessages = {
  loading: 'Loading the portal’s users…',
  loadFailed: 'The portal’s users could not be loaded.',
  retry: 'Try again',
  caption: 'Portal users',
  searchLabel: 'Search users',
  columnEmail: 'Email',
  columnName: 'Name',
  columnStatus: 'Status',
  columnDate: 'Invited or joined',
  columnActions: 'Actions',
  statusActive: 'Active',
  statusInvited: 'Invited',
  invitedOn: (date) => `Invited ${date}`,
  joinedOn: (date) => `Joined ${date}`,
  empty: 'No one has been invited to this portal yet.',
  noMatches: (query) => `No users match “${query}”.`,
  count: (shown, total) =>
    `${shown === total ? '' : `${number(shown)} of `}${number(total)} user${total === 1 ? '' : 's'}`,
  removeLabel: (email) => `Remove ${email}`,
  remove: 'Remove',
  confirmRemove: (email) => `Remove ${email} from this portal?`,
  confirm: 'Yes, remove',
  cancel: 'Cancel',
  removed: (email) => `${email} was removed from the portal.`,
  removeFailed: (email, reason) => `${email} could not be removed, and is back in the list. ${reason}`,
  pagination: 'Pages of users',
  previous: 'Previous page',
  next: 'Next page',
  page: (page, pages) => `Page ${page} of ${pages}`,
  inviteLabel: 'Invite people',
  inviteHint: 'Paste email addresses, one per line or separated by commas. “Name <address>” keeps the name.',
  send: 'Send invites',
  sending: 'Sending invites…',
  nothingToSend: 'Paste at least one email address.',
  inviteFailed: (reason) => `No one was invited. ${reason}`,
  resultsSummary: ({ invited, linked, failed, unconfirmed, skipped }) =>
    `${invited} invited, ${linked} linked to an existing account, ${failed} failed` +
    `${unconfirmed ? `, ${unconfirmed} not confirmed` : ''}${skipped > 0 ? `, ${skipped} not sent` : ''}`,
  resultInvited: 'Invited',
  resultLinked: 'Linked an existing account',
  resultFailed: (reason) => `Failed: ${reason}`,
  resultUnconfirmed: 'Sent, but not confirmed: check the list of users',
  resultSkipped: (reason) => `Not sent: ${reason}`,
  notAnEmail: 'not an email address',
  duplicate: 'given more than once; sent once',
  alreadyUser: 'already a user of this portal',
}
