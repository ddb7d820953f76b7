import { type ReactNode, useEffect, useRef } from 'react'
import { type PortalUserResponse, personName } from '../core/portalAdmin.js'
import type { PortalUsersManagerMessages } from './messages.js'

/** What `renderRow` receives for each user on the page. It must return a `<tr>` of five cells (or as many as your headers). */
export interface PortalUserRowRenderProps {
  user: PortalUserResponse
  /** The user's full name, or an empty string. */
  name: string
  /** The date shown: when they joined, else when they were invited, formatted (`''` when unknown). */
  date: string
  /** The removal of this user waits for a confirmation. */
  confirming: boolean
  /** Asks to remove the user (shows the confirmation). */
  requestRemove: () => void
  /** Removes the user. */
  confirmRemove: () => void
  /** Keeps the user. */
  cancelRemove: () => void
  messages: PortalUsersManagerMessages
  /** The row the manager would draw, to return as is for some users. */
  defaultRow: ReactNode
}

type RowProps = Omit<PortalUserRowRenderProps, 'name' | 'date' | 'defaultRow'> & {
  formatDate: (iso: string) => string
  renderRow: ((props: PortalUserRowRenderProps) => ReactNode) | undefined
}

function DefaultRow(props: Omit<PortalUserRowRenderProps, 'defaultRow'>) {
  const { user, confirming, messages } = props
  const iso = user.joined_at ?? user.invited_at
  const confirmRef = useRef<HTMLButtonElement>(null)
  const removeRef = useRef<HTMLButtonElement>(null)
  const wasConfirming = useRef(false)

  useEffect(() => {
    if (confirming) confirmRef.current?.focus()
    else if (wasConfirming.current) removeRef.current?.focus()
    wasConfirming.current = confirming
  }, [confirming])

  return (
    <tr data-user-id={user.id} data-status={user.status}>
      <td>{user.email}</td>
      <td>{props.name}</td>
      <td>{user.status === 'active' ? messages.statusActive : messages.statusInvited}</td>
      <td>
        {iso ? (
          <time dateTime={iso}>{user.joined_at ? messages.joinedOn(props.date) : messages.invitedOn(props.date)}</time>
        ) : null}
      </td>
      <td>
        {confirming ? (
          <fieldset
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return
              event.preventDefault()
              props.cancelRemove()
            }}
            data-embedded-portals="confirm"
          >
            <legend>{messages.confirmRemove(user.email)}</legend>
            <button ref={confirmRef} type="button" onClick={props.confirmRemove}>
              {messages.confirm}
            </button>{' '}
            <button type="button" onClick={props.cancelRemove}>
              {messages.cancel}
            </button>
          </fieldset>
        ) : (
          <button
            ref={removeRef}
            type="button"
            aria-label={messages.removeLabel(user.email)}
            onClick={props.requestRemove}
            data-embedded-portals="remove"
          >
            {messages.remove}
          </button>
        )}
      </td>
    </tr>
  )
}

/** One user: the default row, or the host's `renderRow`. */
export function PortalUserRow({ formatDate, renderRow, ...props }: RowProps) {
  const iso = props.user.joined_at ?? props.user.invited_at
  const row = { ...props, name: personName(props.user), date: iso ? formatDate(iso) : '' }
  const defaultRow = <DefaultRow {...row} />
  return renderRow ? renderRow({ ...row, defaultRow }) : defaultRow
}
