import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react'
import type { PortalUserResponse } from '../core/portal-admin.js'
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

interface RowProps {
  user: PortalUserResponse
  formatDate: (iso: string) => string
  confirming: boolean
  onRequestRemove: (user: PortalUserResponse) => void
  onConfirmRemove: (user: PortalUserResponse) => void
  onCancelRemove: (user: PortalUserResponse) => void
  messages: PortalUsersManagerMessages
  renderRow: ((props: PortalUserRowRenderProps) => ReactNode) | undefined
}

function fullName(user: PortalUserResponse): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ')
}

function DefaultRow(
  props: Omit<PortalUserRowRenderProps, 'defaultRow' | 'name' | 'date'> & { name: string; when: ReactNode },
) {
  const { user, confirming, messages } = props
  const confirmRef = useRef<HTMLButtonElement>(null)
  const removeRef = useRef<HTMLButtonElement>(null)
  const wasConfirming = useRef(false)

  useEffect(() => {
    if (confirming) confirmRef.current?.focus()
    else if (wasConfirming.current) removeRef.current?.focus()
    wasConfirming.current = confirming
  }, [confirming])

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      props.cancelRemove()
    }
  }

  return (
    <tr data-user-id={user.id} data-status={user.status}>
      <td>{user.email}</td>
      <td>{props.name}</td>
      <td>{user.status === 'active' ? messages.statusActive : messages.statusInvited}</td>
      <td>{props.when}</td>
      <td>
        {confirming ? (
          <fieldset onKeyDown={onKeyDown} data-embedded-portals="confirm">
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
export function PortalUserRow(props: RowProps) {
  const { user, messages, formatDate } = props
  const name = fullName(user)
  const iso = user.joined_at ?? user.invited_at
  const date = iso ? formatDate(iso) : ''
  const when = iso ? (
    <time dateTime={iso}>{user.joined_at ? messages.joinedOn(date) : messages.invitedOn(date)}</time>
  ) : null
  const actions = {
    user,
    confirming: props.confirming,
    requestRemove: () => props.onRequestRemove(user),
    confirmRemove: () => props.onConfirmRemove(user),
    cancelRemove: () => props.onCancelRemove(user),
    messages,
  }
  const defaultRow = <DefaultRow {...actions} name={name} when={when} />
  return props.renderRow ? props.renderRow({ ...actions, name, date, defaultRow }) : defaultRow
}
