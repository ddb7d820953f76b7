import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react'
import type { Demographics } from '../core/demographics.js'
import type { EmbedError } from '../core/errors.js'
import { DemographicsGateContext, type DemographicsGateHandoff } from '../shared/gateContext.js'
import { DemographicsForm, type DemographicsFormRenderProps, type DemographicsFormStatus } from './DemographicsForm.js'
import {
  type DemographicsFormPath,
  type DemographicsFormValues,
  demographicsFromForm,
  formPaths,
  formValuesFrom,
  type OptionalDemographicsField,
} from './formValues.js'
import { DEFAULT_DEMOGRAPHICS_MESSAGES, type DemographicsGateMessages } from './messages.js'
import { useDemographics } from './useDemographics.js'
import { validateDemographicsForm } from './validateForm.js'

export interface DemographicsGateProps {
  /** The patient (the host's opaque id); without it, the signed-in user. */
  subject?: string | undefined
  /** Optional groups to ask for too: `race`, `ethnicity`, `sexual_orientation`, `gender_identity`, `medical_proxy`. */
  fields?: readonly OptionalDemographicsField[] | undefined
  /** Draws the form with your own components instead of the default one. */
  renderForm?: ((props: DemographicsFormRenderProps) => ReactNode) | undefined
  /** After a save that completed the demographics. */
  onComplete?: ((demographics: Demographics | null) => void) | undefined
  /** A read or save that failed (field errors included). */
  onError?: ((error: EmbedError) => void) | undefined
  /** Texts to override. */
  messages?: Partial<DemographicsGateMessages> | undefined
  /** On the gate's root element. */
  className?: string | undefined
  /** What needs complete demographics: portal buttons, dashboards. Shown once they are on file. */
  children?: ReactNode
}

const OPTIONAL_KEYS = ['race', 'ethnicity', 'sexual_orientation', 'gender_identity', 'medical_proxy'] as const

/**
 * Junction's save replaces the whole record: what is on file but not shown in the form (optional groups
 * not asked for, the address's access notes) is sent back as it was, so that saving never erases it.
 */
function withUnshownFields(
  fromForm: Demographics,
  onFile: Demographics | null,
  shown: readonly OptionalDemographicsField[],
): Demographics {
  if (!onFile) return fromForm
  const merged: Demographics = { ...fromForm }
  for (const key of OPTIONAL_KEYS) {
    if (shown.includes(key) || onFile[key] === undefined || onFile[key] === null) continue
    Object.assign(merged, { [key]: onFile[key] })
  }
  const notes = onFile.address?.access_notes
  if (notes) merged.address = { ...fromForm.address, access_notes: notes }
  return merged
}

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])'

/**
 * Shows its children once the patient's demographics are complete; until then (or when a child's
 * portal answers `demographics_required`), a short form that saves them. After the save the children
 * come back, focus moves to them and the success is announced. Typed values live only in this
 * component's state: gone on unmount, never logged or persisted.
 */
export function DemographicsGate(props: DemographicsGateProps) {
  const { subject, fields = [], children } = props
  const messages = props.messages
    ? { ...DEFAULT_DEMOGRAPHICS_MESSAGES, ...props.messages }
    : DEFAULT_DEMOGRAPHICS_MESSAGES
  const info = useDemographics(subject)
  const [handedMissing, setHandedMissing] = useState<readonly string[] | null>(null)
  const [edited, setEdited] = useState<Partial<DemographicsFormValues>>({})
  const [errors, setErrors] = useState<Partial<Record<DemographicsFormPath, string>>>({})
  const [formErrors, setFormErrors] = useState<readonly string[]>([])
  const [status, setStatus] = useState<DemographicsFormStatus>('editing')
  const [announcement, setAnnouncement] = useState('')
  const [focusTarget, setFocusTarget] = useState<{ kind: 'summary' | 'children'; at: number } | null>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const summaryRef = useRef<HTMLDivElement>(null)
  const latest = useRef(props)
  latest.current = props

  const handoff = useMemo<DemographicsGateHandoff>(
    () => ({
      requireDemographics: (missing) => {
        setHandedMissing(missing)
        setAnnouncement('')
        return true
      },
    }),
    [],
  )

  const readError = info.status === 'error' ? info.error : null
  useEffect(() => {
    if (readError) latest.current.onError?.(readError)
  }, [readError])

  useEffect(() => {
    if (!focusTarget) return
    if (focusTarget.kind === 'summary') {
      summaryRef.current?.focus()
      return
    }
    const root = rootRef.current
    const first = root?.querySelector<HTMLElement>(FOCUSABLE)
    ;(first ?? root)?.focus()
  }, [focusTarget])

  const optionalKey = fields.join(',')
  // biome-ignore lint/correctness/useExhaustiveDependencies: `optionalKey` is the content of `fields`
  const paths = useMemo(() => formPaths(fields), [optionalKey])
  const values = useMemo(
    () => ({ ...formValuesFrom(info.demographics), ...edited }) as DemographicsFormValues,
    [info.demographics, edited],
  )
  const missing = handedMissing ?? info.missing
  const showForm = info.status === 'ready' && (handedMissing !== null || info.missing.length > 0)

  function fail(fieldErrors: Partial<Record<DemographicsFormPath, string>>, other: readonly string[]) {
    setErrors(fieldErrors)
    setFormErrors(other)
    setStatus('error')
    setFocusTarget({ kind: 'summary', at: Date.now() })
  }

  function submit() {
    if (status === 'saving') return
    const problems = validateDemographicsForm(values, fields)
    if (problems.length > 0) {
      fail(Object.fromEntries(problems.map((problem) => [problem.path, problem.message])), [])
      return
    }
    setStatus('saving')
    info.save(withUnshownFields(demographicsFromForm(values, fields), info.demographics, fields)).then(
      (response) => {
        setStatus('editing')
        setErrors({})
        setFormErrors([])
        setEdited({})
        if (response.missing.length === 0) {
          setHandedMissing(null)
          setAnnouncement(messages.saved)
          setFocusTarget({ kind: 'children', at: Date.now() })
          latest.current.onComplete?.(response.demographics)
        } else {
          setHandedMissing(response.missing)
        }
      },
      (error: EmbedError) => {
        latest.current.onError?.(error)
        const known = new Set<string>(paths)
        const byPath: Partial<Record<DemographicsFormPath, string>> = {}
        const other: string[] = []
        for (const field of error.fields ?? []) {
          if (known.has(field.path)) byPath[field.path as DemographicsFormPath] ??= field.message
          else other.push(field.path ? `${field.path}: ${field.message}` : field.message)
        }
        if (!error.fields?.length) other.push(`${messages.saveFailed} ${error.message}`)
        fail(byPath, other)
      },
    )
  }

  const formProps: DemographicsFormRenderProps = {
    paths,
    values,
    errors,
    formErrors,
    missing,
    setValue: (path, value) => setEdited((current) => ({ ...current, [path]: value })),
    submit,
    status,
    messages,
  }

  const state =
    info.status === 'loading'
      ? 'loading'
      : info.status === 'error'
        ? 'error'
        : showForm
          ? 'demographics-required'
          : 'ready'

  return (
    <div
      ref={rootRef}
      tabIndex={-1}
      className={props.className}
      data-embedded-portals="demographics-gate"
      data-state={state}
      aria-busy={state === 'loading' || status === 'saving' || undefined}
    >
      {/* A block of its own: "Details saved." is a sentence, not a prefix of the children's first line. */}
      <div role="status" aria-live="polite" data-embedded-portals="announcement">
        {state === 'loading' ? messages.checking : announcement}
      </div>
      {state === 'error' ? (
        <div role="alert">
          {messages.readFailed} {readError?.message}{' '}
          <button type="button" onClick={info.refetch}>
            {messages.retry}
          </button>
        </div>
      ) : null}
      {showForm ? (
        props.renderForm ? (
          props.renderForm(formProps)
        ) : (
          <DemographicsForm {...formProps} summaryRef={summaryRef} />
        )
      ) : state === 'ready' ? (
        <DemographicsGateContext.Provider value={handoff}>{children}</DemographicsGateContext.Provider>
      ) : null}
    </div>
  )
}
