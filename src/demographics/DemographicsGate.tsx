import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react'
import type { Demographics } from '../core/demographics.js'
import type { EmbedError, EmbedFieldError } from '../core/errors.js'
import { DemographicsGateContext, type DemographicsGateHandoff } from '../shared/gateContext.js'
import { DemographicsForm, type DemographicsFormRenderProps } from './DemographicsForm.js'
import {
  type DemographicsFormPath,
  type DemographicsFormValues,
  demographicsFromForm,
  formPaths,
  formValuesFrom,
  OPTIONAL_DEMOGRAPHIC_FIELDS,
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
  for (const key of OPTIONAL_DEMOGRAPHIC_FIELDS) {
    if (!shown.includes(key) && onFile[key] != null) Object.assign(merged, { [key]: onFile[key] })
  }
  const notes = onFile.address?.access_notes
  if (notes) merged.address = { ...fromForm.address, access_notes: notes }
  return merged
}

/** Where the form stands, and what is wrong with it. */
type FormState = Pick<DemographicsFormRenderProps, 'status' | 'errors' | 'formErrors'>

const EDITING: FormState = { status: 'editing', errors: {}, formErrors: [] }

/**
 * What the commit after a check or a save does: where focus goes, then what the host is told. A new
 * object each time, so that focus moves again to the same place.
 */
type AfterCommit =
  | { focus: 'summary'; error?: EmbedError | undefined }
  | { focus: 'children'; demographics: Demographics | null }

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
  const [form, setForm] = useState(EDITING)
  const [announcement, setAnnouncement] = useState('')
  const [after, setAfter] = useState<AfterCommit | null>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const latest = useRef(props)
  // Handlers and effects run after the commit, this one first: they see the props of the last render.
  useEffect(() => {
    latest.current = props
  })

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

  // The default form focuses its own summary. The host hears last, and may move focus on.
  useEffect(() => {
    if (after?.focus === 'children') {
      const root = rootRef.current
      ;(root?.querySelector<HTMLElement>(FOCUSABLE) ?? root)?.focus()
      latest.current.onComplete?.(after.demographics)
    } else if (after?.error) latest.current.onError?.(after.error)
  }, [after])

  const paths = formPaths(fields)
  const values = useMemo(
    () => ({ ...formValuesFrom(info.demographics), ...edited }) as DemographicsFormValues,
    [info.demographics, edited],
  )
  const showForm = info.status === 'ready' && (handedMissing !== null || info.missing.length > 0)

  /** Shows what is wrong: each error on its input when the form has it, else in the summary, which takes focus. */
  function fail(fieldErrors: readonly EmbedFieldError[], formErrors: string[] = [], error?: EmbedError) {
    const known = new Set<string>(paths)
    const errors: Partial<Record<DemographicsFormPath, string>> = {}
    for (const field of fieldErrors) {
      if (known.has(field.path)) errors[field.path as DemographicsFormPath] ??= field.message
      else formErrors.push(field.path ? `${field.path}: ${field.message}` : field.message)
    }
    setForm({ status: 'error', errors, formErrors })
    setAfter({ focus: 'summary', error })
  }

  function submit() {
    if (form.status === 'saving') return
    const problems = validateDemographicsForm(values, fields)
    if (problems.length > 0) {
      fail(problems)
      return
    }
    setForm((current) => ({ ...current, status: 'saving' }))
    info.save(withUnshownFields(demographicsFromForm(values, fields), info.demographics, fields)).then(
      (response) => {
        setForm(EDITING)
        setEdited({})
        if (response.missing.length === 0) {
          setHandedMissing(null)
          setAnnouncement(messages.saved)
          setAfter({ focus: 'children', demographics: response.demographics })
        } else {
          setHandedMissing(response.missing)
        }
      },
      (error: EmbedError) => {
        if (error.fields?.length) fail(error.fields, [], error)
        else fail([], [`${messages.saveFailed} ${error.message}`], error)
      },
    )
  }

  const formProps: DemographicsFormRenderProps = {
    ...form,
    paths,
    values,
    missing: handedMissing ?? info.missing,
    setValue: (path, value) => setEdited((current) => ({ ...current, [path]: value })),
    submit,
    messages,
  }

  const state = info.status !== 'ready' ? info.status : showForm ? 'demographics-required' : 'ready'

  return (
    <div
      ref={rootRef}
      tabIndex={-1}
      className={props.className}
      data-embedded-portals="demographics-gate"
      data-state={state}
      aria-busy={state === 'loading' || form.status === 'saving' || undefined}
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
          <DemographicsForm {...formProps} focusSummary={after?.focus === 'summary' ? after : null} />
        )
      ) : state === 'ready' ? (
        <DemographicsGateContext.Provider value={handoff}>{children}</DemographicsGateContext.Provider>
      ) : null}
    </div>
  )
}
