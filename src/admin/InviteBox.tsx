import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import type { EmbedError } from '../core/errors.js'
import { formatInvite, parseInviteList } from '../core/invite-list.js'
import type { PortalUserInviteResponse } from '../core/portal-admin.js'
import type { InviteCounts, PortalUsersManagerMessages } from './messages.js'
import { useInvitePortalUsers } from './usePortalUserMutations.js'

/** What happened to one pasted address. */
export interface InviteOutcome {
  email: string
  /** `skipped`: not sent (given twice, or already a user). */
  status: 'invited' | 'linked' | 'failed' | 'skipped'
  reason: string | null
}

interface InviteBoxProps {
  portalId: string
  existingEmails: readonly string[]
  messages: PortalUsersManagerMessages
  onInvited: ((response: PortalUserInviteResponse) => void) | undefined
  onError: ((error: EmbedError) => void) | undefined
}

function countOf(outcomes: readonly InviteOutcome[]): InviteCounts {
  const counts: InviteCounts = { invited: 0, linked: 0, failed: 0, skipped: 0 }
  for (const outcome of outcomes) counts[outcome.status] += 1
  return counts
}

/** The reason of a refused request, with the addresses its field errors point at (`users.3.email`). */
function refusal(error: EmbedError, sent: readonly string[]): string {
  const details = (error.fields ?? []).map((field) => {
    const index = /^users\.(\d+)\./.exec(field.path)?.[1]
    const email = index === undefined ? undefined : sent[Number(index)]
    return email ? `${email}: ${field.message}` : `${field.path}: ${field.message}`
  })
  return [error.message, ...details].join(' ')
}

/**
 * Paste many addresses, send them once each, and see what happened to every one. The text stays as
 * typed when the request fails; after it, only the addresses to correct are left in the box.
 */
export function InviteBox({ portalId, existingEmails, messages, onInvited, onError }: InviteBoxProps) {
  const id = useId()
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [outcomes, setOutcomes] = useState<readonly InviteOutcome[] | null>(null)
  const [focusResults, setFocusResults] = useState(0)
  const mutation = useInvitePortalUsers(portalId)
  const summaryRef = useRef<HTMLParagraphElement>(null)
  const fieldRef = useRef<HTMLTextAreaElement>(null)
  const sending = mutation.isPending

  useEffect(() => {
    if (focusResults > 0) summaryRef.current?.focus()
  }, [focusResults])

  function submit(event: FormEvent) {
    event.preventDefault()
    if (sending) return
    const parsed = parseInviteList(text, existingEmails)
    const local: InviteOutcome[] = [
      ...parsed.invalid.map((email) => ({ email, status: 'failed' as const, reason: messages.notAnEmail })),
      ...parsed.duplicates.map((email) => ({ email, status: 'skipped' as const, reason: messages.duplicate })),
      ...parsed.existing.map((email) => ({ email, status: 'skipped' as const, reason: messages.alreadyUser })),
    ]
    if (parsed.invites.length === 0 && local.length === 0) {
      setProblem(messages.nothingToSend)
      setOutcomes(null)
      fieldRef.current?.focus()
      return
    }
    setProblem(null)
    // What goes back in the box for an address that failed: with its name, as it was given.
    const given = new Map(parsed.invites.map((invite) => [invite.email.toLowerCase(), formatInvite(invite)]))
    const finish = (sent: readonly InviteOutcome[]) => {
      const all = [...sent, ...local]
      setOutcomes(all)
      setText(
        all
          .filter((outcome) => outcome.status === 'failed')
          .map((outcome) => given.get(outcome.email.toLowerCase()) ?? outcome.email)
          .join('\n'),
      )
      setFocusResults((n) => n + 1)
    }
    if (parsed.invites.length === 0) {
      finish([])
      return
    }
    const emails = parsed.invites.map((invite) => invite.email)
    mutation.mutateAsync(parsed.invites).then(
      (response) => {
        finish(
          response.results.map((result) => ({
            email: result.email,
            status: result.status,
            reason: result.status === 'failed' ? (result.error ?? '') : null,
          })),
        )
        onInvited?.(response)
      },
      (error: EmbedError) => {
        setProblem(messages.inviteFailed(refusal(error, emails)))
        setOutcomes(null)
        onError?.(error)
        fieldRef.current?.focus()
      },
    )
  }

  const describedBy = [`${id}-hint`, problem ? `${id}-problem` : ''].filter(Boolean).join(' ')
  const label = (outcome: InviteOutcome) => {
    switch (outcome.status) {
      case 'invited':
        return messages.resultInvited
      case 'linked':
        return messages.resultLinked
      case 'failed':
        return messages.resultFailed(outcome.reason ?? '')
      case 'skipped':
        return messages.resultSkipped(outcome.reason ?? '')
    }
  }

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
        aria-describedby={describedBy}
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
