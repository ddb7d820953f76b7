import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import type { EmbedError } from '../core/errors.js'
import { formatInvite, parseInviteList } from '../core/inviteList.js'
import type { PortalUserInvite, PortalUserInviteResponse, PortalUserResponse } from '../core/portalAdmin.js'
import type { InviteCounts, PortalUsersManagerMessages } from './messages.js'
import { useInvitePortalUsers } from './usePortalUserMutations.js'

/** What happened to one pasted address. */
export interface InviteOutcome {
  email: string
  /** `skipped`: not sent (given twice, or already a user); `unconfirmed`: sent, result unreadable. */
  status: 'invited' | 'linked' | 'failed' | 'unconfirmed' | 'skipped'
  reason: string | null
}

interface InviteBoxProps {
  portalId: string
  users: readonly PortalUserResponse[]
  messages: PortalUsersManagerMessages
  onInvited: ((response: PortalUserInviteResponse) => void) | undefined
  onError: ((error: EmbedError) => void) | undefined
}

function countOf(outcomes: readonly InviteOutcome[]): InviteCounts {
  const counts = { invited: 0, linked: 0, failed: 0, unconfirmed: 0, skipped: 0 } satisfies InviteCounts
  for (const outcome of outcomes) counts[outcome.status] += 1
  return counts
}

/** The reason of a refused request, with the addresses its field errors point at (`users.3.email`). */
function refusal(error: EmbedError, sent: readonly PortalUserInvite[]): string {
  const details = (error.fields ?? []).map(({ path, message }) => {
    const index = /^users\.(\d+)\./.exec(path)?.[1]
    return `${(index && sent[Number(index)]?.email) || path}: ${message}`
  })
  return [error.message, ...details].join(' ')
}

/**
 * Paste many addresses, send them once each, and see what happened to every one. The text stays as
 * typed when the request fails; after it, only the addresses to correct are left in the box.
 */
export function InviteBox({ portalId, users, messages, onInvited, onError }: InviteBoxProps) {
  const id = useId()
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [outcomes, setOutcomes] = useState<readonly InviteOutcome[] | null>(null)
  const mutation = useInvitePortalUsers(portalId)
  const summaryRef = useRef<HTMLParagraphElement>(null)
  const fieldRef = useRef<HTMLTextAreaElement>(null)
  const sending = mutation.isPending

  // Each new list of results takes the focus to its summary.
  useEffect(() => {
    if (outcomes) summaryRef.current?.focus()
  }, [outcomes])

  function refuse(reason: string) {
    setProblem(reason)
    setOutcomes(null)
    fieldRef.current?.focus()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (sending) return
    const { invites, invalid, duplicates, existing } = parseInviteList(
      text,
      users.map((user) => user.email),
    )
    const local = (
      [
        [invalid, 'failed', messages.notAnEmail],
        [duplicates, 'skipped', messages.duplicate],
        [existing, 'skipped', messages.alreadyUser],
      ] as const
    ).flatMap(([entries, status, reason]) => entries.map((email): InviteOutcome => ({ email, status, reason })))
    if (local.length === 0 && invites.length === 0) return refuse(messages.nothingToSend)
    setProblem(null)
    // What stays in the box: the addresses that failed, those sent with their name as they were given.
    const finish = (sent: readonly InviteOutcome[], failed: readonly PortalUserInvite[]) => {
      setOutcomes([...sent, ...local])
      setText([...failed.map(formatInvite), ...invalid].join('\n'))
    }
    if (invites.length === 0) return finish([], [])
    mutation.mutateAsync(invites).then(
      (response) => {
        const { results } = response
        finish(
          results.map(({ email, status, error }) => ({
            email,
            status,
            reason: status === 'failed' ? (error ?? '') : null,
          })),
          // One result per address, in the order sent: the invite of a failed one is found by its place. An
          // unconfirmed one is not put back: it may have been invited, and the list read again tells.
          invites.filter((_, index) => results[index]?.status === 'failed'),
        )
        onInvited?.(response)
      },
      (error: EmbedError) => {
        onError?.(error)
        refuse(messages.inviteFailed(refusal(error, invites)))
      },
    )
  }

  const label = ({ status, reason }: InviteOutcome) =>
    status === 'invited'
      ? messages.resultInvited
      : status === 'linked'
        ? messages.resultLinked
        : status === 'failed'
          ? messages.resultFailed(reason ?? '')
          : status === 'unconfirmed'
            ? messages.resultUnconfirmed
            : messages.resultSkipped(reason ?? '')

  return (
    <form data-embedded-portals="invite" onSubmit={submit} aria-busy={sending || undefined} noValidate>
      <label htmlFor={`${id}-field`}>{messages.inviteLabel}</label>
      <p id={`${id}-hint`} data-embedded-portals="hint">
        {messages.inviteHint}
      </p>
      <textarea
        ref={fieldRef}
        id={`${id}-field`}
        rows={4}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        // What is typed while the list is sent would be replaced by what failed: nothing is typed then.
        readOnly={sending}
        aria-describedby={problem ? `${id}-hint ${id}-problem` : `${id}-hint`}
        aria-invalid={problem ? true : undefined}
        autoComplete="off"
        spellCheck={false}
      />
      {problem ? (
        <p id={`${id}-problem`} role="alert" data-embedded-portals="error">
          {problem}
        </p>
      ) : null}
      <button type="submit" aria-disabled={sending || undefined}>
        {sending ? messages.sending : messages.send}
      </button>
      {outcomes ? (
        <section aria-labelledby={`${id}-summary`} data-embedded-portals="invite-results">
          <p id={`${id}-summary`} ref={summaryRef} tabIndex={-1}>
            {messages.resultsSummary(countOf(outcomes))}
          </p>
          <ul>
            {outcomes.map((outcome, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered; an address may repeat
              <li key={`${index}-${outcome.email}`} data-result={outcome.status}>
                <span data-embedded-portals="email">{outcome.email}</span>: {label(outcome)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </form>
  )
}
