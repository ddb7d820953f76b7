import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react'
import type { EmbedError } from '../core/errors.js'
import type { PortalUserInviteResponse, PortalUserResponse } from '../core/portalAdmin.js'
import { filterPortalUsers, indexPortalUsers } from '../core/userFilter.js'
import { InviteBox } from './InviteBox.js'
import { DEFAULT_PORTAL_USERS_MESSAGES, type PortalUsersManagerMessages } from './messages.js'
import { PortalUserRow, type PortalUserRowRenderProps } from './PortalUserRow.js'
import { useRemovePortalUser } from './usePortalUserMutations.js'
import { usePortalUsers } from './usePortalUsers.js'

export interface PortalUsersManagerProps {
  /** The portal whose users are managed. */
  portalId: string
  /** Users per page of the table. Default 50. */
  pageSize?: number | undefined
  /** Draws a user's row (a `<tr>`) instead of the default one; `defaultRow` is that one. */
  renderRow?: ((props: PortalUserRowRenderProps) => ReactNode) | undefined
  /** Formats an ISO time for the date column. Default: the browser's medium date. */
  formatDate?: ((iso: string) => string) | undefined
  /** Texts to override. */
  messages?: Partial<PortalUsersManagerMessages> | undefined
  /** After a bulk invite answered, with one result per address sent (partial failures included). */
  onInvited?: ((response: PortalUserInviteResponse) => void) | undefined
  /** After a removal succeeded. */
  onRemoved?: ((user: PortalUserResponse) => void) | undefined
  /** A read, invite or removal that failed. */
  onError?: ((error: EmbedError) => void) | undefined
  /** On the root element. */
  className?: string | undefined
}

export const DEFAULT_PORTAL_USERS_PAGE_SIZE = 50

let mediumDate: Intl.DateTimeFormat | undefined

function defaultFormatDate(iso: string): string {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return iso
  mediumDate ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
  return mediumDate.format(time)
}

/** The table's columns, by the message of their header. */
const COLUMNS = ['columnEmail', 'columnName', 'columnStatus', 'columnDate', 'columnActions'] as const

/** How long the search must rest before the number of matches is announced. */
const SEARCH_ANNOUNCE_DELAY_MS = 700

/** Sets a live region's text so that the same message said twice is announced twice. */
function announceIn(setText: (update: (previous: string) => string) => void, message: string) {
  setText((previous) => (previous === message ? `${message}\u00a0` : message))
}

/**
 * The users of one portal for its administrators: a searchable, paged table (email, name, status, date),
 * a bulk invite box with a result per address, and removal after a confirmation (the row leaves at once
 * and comes back if the removal fails). Everything works from the keyboard; `data-state` on the root is
 * `loading`, `ready` or `error`.
 */
export function PortalUsersManager(props: PortalUsersManagerProps) {
  // A new portal starts afresh: no search, page, confirmation, invite text or message of the previous one.
  return <PortalUsersPanel key={props.portalId} {...props} />
}

function PortalUsersPanel(props: PortalUsersManagerProps) {
  const { portalId, renderRow } = props
  const messages = { ...DEFAULT_PORTAL_USERS_MESSAGES, ...props.messages }
  const formatDate = props.formatDate ?? defaultFormatDate
  const pageSize = Math.max(1, Math.floor(props.pageSize ?? DEFAULT_PORTAL_USERS_PAGE_SIZE))
  const id = useId()
  const query = usePortalUsers(portalId)
  const removal = useRemovePortalUser(portalId)
  const [search, setSearch] = useState('')
  const [page, setPage] = useState(0)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [removeError, setRemoveError] = useState<string | null>(null)
  const tableRef = useRef<HTMLTableSectionElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  // The row whose removal was confirmed, until it has left the page.
  const removedRow = useRef<{ userId: string; index: number; page: number } | null>(null)

  const users = query.data
  const index = useMemo(() => indexPortalUsers(users ?? []), [users])
  const matches = useMemo(() => filterPortalUsers(index, search), [index, search])
  const pages = Math.max(1, Math.ceil(matches.length / pageSize))
  // The page asked for may be past the end once users leave: show the last one, and stay there (adjusted
  // during render, before anything is drawn) rather than jump back when users come back.
  const current = Math.min(page, pages - 1)
  if (page !== current) setPage(current)
  const shown = matches.slice(current * pageSize, (current + 1) * pageSize)

  const countText = users ? messages.count(matches.length, users.length) : ''
  // What callbacks and timers read when they run: the latest props and count.
  const latest = useRef({ ...props, countText })
  useEffect(() => {
    latest.current = { ...props, countText }
  })

  const readError = users ? null : query.error
  useEffect(() => {
    if (readError) latest.current.onError?.(readError)
  }, [readError])

  // The number of matches, said once the search has rested (not for the first list, not at each key).
  const countTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(countTimer.current), [])
  function searchFor(text: string) {
    setSearch(text)
    setPage(0)
    clearTimeout(countTimer.current)
    countTimer.current = setTimeout(
      () => announceIn(setAnnouncement, latest.current.countText),
      SEARCH_ANNOUNCE_DELAY_MS,
    )
  }

  // Once the removed row has left the page, focus goes to the row now in its place (or the search box).
  useEffect(() => {
    const removed = removedRow.current
    if (!removed || shown.some((user) => user.id === removed.userId)) return
    removedRow.current = null
    const buttons = tableRef.current?.querySelectorAll<HTMLElement>('tr > td:last-child button')
    // Back on the previous page (the removed row was the last of its page): its last row is the nearest.
    const index = current < removed.page ? Number.POSITIVE_INFINITY : removed.index
    const next = buttons?.[Math.min(index, buttons.length - 1)]
    ;(next ?? searchRef.current)?.focus()
  }, [shown, current])

  function confirmRemove(user: PortalUserResponse) {
    setConfirming(null)
    setRemoveError(null)
    removedRow.current = { userId: user.id, index: Math.max(0, shown.indexOf(user)), page: current }
    removal.mutateAsync(user.id).then(
      () => {
        announceIn(setAnnouncement, messages.removed(user.email))
        latest.current.onRemoved?.(user)
      },
      (error: EmbedError) => {
        setRemoveError(messages.removeFailed(user.email, error.message))
        latest.current.onError?.(error)
      },
    )
  }

  const pageButton = (step: number, text: string) => (
    <button
      type="button"
      disabled={current + step < 0 || current + step >= pages}
      onClick={() => setPage(current + step)}
    >
      {text}
    </button>
  )

  const state = users ? 'ready' : readError ? 'error' : 'loading'
  const status = state === 'loading' ? messages.loading : announcement

  return (
    <div
      className={props.className}
      data-embedded-portals="portal-users"
      data-state={state}
      aria-busy={state === 'loading' || undefined}
    >
      <span role="status" aria-live="polite" data-embedded-portals="announcement">
        {status}
      </span>
      {readError ? (
        <div role="alert" data-embedded-portals="error">
          <p>
            {messages.loadFailed} {readError.message}
          </p>
          <button type="button" onClick={() => void query.refetch()}>
            {messages.retry}
          </button>
        </div>
      ) : null}
      {users ? (
        <>
          <InviteBox
            portalId={portalId}
            users={users}
            messages={messages}
            onInvited={(response) => latest.current.onInvited?.(response)}
            onError={(error) => latest.current.onError?.(error)}
          />
          {/* biome-ignore lint/a11y/useSemanticElements: React 18 (a supported peer) does not know <search> */}
          <div role="search" data-embedded-portals="search">
            <label htmlFor={`${id}-search`}>{messages.searchLabel}</label>
            <input
              ref={searchRef}
              id={`${id}-search`}
              type="search"
              value={search}
              autoComplete="off"
              aria-controls={`${id}-results`}
              aria-describedby={`${id}-count`}
              onChange={(event) => searchFor(event.currentTarget.value)}
            />
            {/* Not a live region: it would speak at every keystroke. The status says it once typing rests. */}
            <span id={`${id}-count`} data-embedded-portals="count">
              {countText}
            </span>
          </div>
          {removeError ? (
            <p role="alert" data-embedded-portals="error">
              {removeError}
            </p>
          ) : null}
          {/* What the search box controls: always there, whether it holds the table or a sentence. */}
          <div id={`${id}-results`} data-embedded-portals="users-results">
            {matches.length === 0 ? (
              <p data-embedded-portals="empty">{users.length ? messages.noMatches(search.trim()) : messages.empty}</p>
            ) : (
              <>
                <table data-embedded-portals="users-table">
                  <caption>{messages.caption}</caption>
                  <thead>
                    <tr>
                      {COLUMNS.map((column) => (
                        <th key={column} scope="col">
                          {messages[column]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody ref={tableRef}>
                    {shown.map((user) => (
                      <PortalUserRow
                        key={user.id}
                        user={user}
                        formatDate={formatDate}
                        confirming={confirming === user.id}
                        requestRemove={() => {
                          setRemoveError(null)
                          setConfirming(user.id)
                        }}
                        confirmRemove={() => confirmRemove(user)}
                        cancelRemove={() => setConfirming(null)}
                        messages={messages}
                        renderRow={renderRow}
                      />
                    ))}
                  </tbody>
                </table>
                {pages > 1 ? (
                  <nav aria-label={messages.pagination} data-embedded-portals="pagination">
                    {pageButton(-1, messages.previous)}{' '}
                    <span aria-current="page">{messages.page(current + 1, pages)}</span> {pageButton(1, messages.next)}
                  </nav>
                ) : null}
              </>
            )}
          </div>
        </>
      ) : null}
    </div>
  )
}
