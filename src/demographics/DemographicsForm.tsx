import { type ChangeEvent, type ReactNode, useEffect, useId, useRef } from 'react'
import { REQUIRED_DEMOGRAPHIC_FIELDS } from '../core/demographics.js'
import {
  AUTOCOMPLETE,
  type DemographicsFormPath,
  type DemographicsFormValues,
  FIELD_LABELS,
  type FieldKey,
  fieldKey,
  optionalGroupOf,
  SELECT_OPTIONS,
} from './formValues.js'
import type { DemographicsGateMessages } from './messages.js'
import { PHONE_HINT } from './validateForm.js'

/** Where the form stands. */
export type DemographicsFormStatus = 'editing' | 'saving' | 'error'

/** What `renderForm` receives: everything to draw the form with the host's own design system. */
export interface DemographicsFormRenderProps {
  /** The paths to show, in order (required ones, `address.second_line`, and the optional groups asked for). */
  paths: readonly DemographicsFormPath[]
  values: DemographicsFormValues
  /** Errors by path (client checks and the server's `fields`). */
  errors: Partial<Record<DemographicsFormPath, string>>
  /** Errors that belong to no input (unknown paths, a failed save), for the summary. */
  formErrors: readonly string[]
  /** Fields Junction reported missing: worth highlighting. */
  missing: readonly string[]
  setValue: (path: DemographicsFormPath, value: string) => void
  /**
   * Checks, then saves; errors land in `errors` and `formErrors`. Call it from the save button's click
   * (after `preventDefault()`), not only from `onSubmit`: a frame sandboxed without `allow-forms` never
   * fires `submit`.
   */
  submit: () => void
  status: DemographicsFormStatus
  messages: DemographicsGateMessages
}

const INPUT_TYPES: Partial<Record<FieldKey, string>> = { email: 'email', phone_number: 'tel', dob: 'date' }

const REQUIRED: ReadonlySet<string> = new Set(REQUIRED_DEMOGRAPHIC_FIELDS)

const GROUPS = ['patient', 'address', 'about', 'proxy'] as const

function groupOf(path: DemographicsFormPath): (typeof GROUPS)[number] {
  const optional = optionalGroupOf(path)
  if (optional) return optional === 'medical_proxy' ? 'proxy' : 'about'
  return path.startsWith('address.') ? 'address' : 'patient'
}

/** What the gate asks of its default form beyond `renderForm`'s props. */
interface DefaultFormProps {
  /** A new object each time the error summary should take focus (after a failed check or save). */
  focusSummary: object | null
}

/** The default form of `<DemographicsGate>`: unstyled, labelled, keyboard-complete, with an error summary. */
export function DemographicsForm(props: DemographicsFormRenderProps & DefaultFormProps) {
  const { paths, values, errors, formErrors, missing, setValue, submit, status, messages, focusSummary } = props
  const id = useId()
  const summaryRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (focusSummary) summaryRef.current?.focus()
  }, [focusSummary])
  const inputId = (path: string) => `${id}-${path.replaceAll('.', '-')}`
  const errorEntries = paths.filter((path) => errors[path])
  const hasErrors = errorEntries.length > 0 || formErrors.length > 0

  function field(path: DemographicsFormPath): ReactNode {
    const fieldId = inputId(path)
    const error = errors[path]
    const value = values[path]
    const key = fieldKey(path)
    const hintId = key === 'phone_number' ? `${fieldId}-hint` : undefined
    const errorId = error ? `${fieldId}-error` : undefined
    const common = {
      id: fieldId,
      name: path,
      value,
      autoComplete: AUTOCOMPLETE[path],
      required: REQUIRED.has(path),
      'aria-invalid': error ? true : undefined,
      'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValue(path, event.currentTarget.value),
    }
    const options = SELECT_OPTIONS[key]
    return (
      <div key={path} data-embedded-portals="field" data-missing={missing.includes(path) || undefined}>
        <label htmlFor={fieldId}>{FIELD_LABELS[path]}</label>
        {options ? (
          <select {...common}>
            {[
              { value: '', label: messages.choose },
              // A value on file that is none of the choices is shown, and kept, as it is.
              ...(value && !options.some((option) => option.value === value) ? [{ value, label: value }] : []),
              ...options,
            ].map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ) : (
          <input {...common} type={INPUT_TYPES[key] ?? 'text'} />
        )}
        {hintId ? <span id={hintId}>{PHONE_HINT}</span> : null}
        {error ? (
          <span id={errorId} data-embedded-portals="field-error">
            {error}
          </span>
        ) : null}
      </div>
    )
  }

  return (
    <form
      noValidate
      data-embedded-portals="demographics-form"
      aria-busy={status === 'saving' || undefined}
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <div ref={summaryRef} tabIndex={-1} role={hasErrors ? 'alert' : undefined} data-embedded-portals="summary">
        {hasErrors ? (
          <>
            <p>{messages.summaryTitle}</p>
            <ul>
              {errorEntries.map((path) => (
                <li key={path}>
                  <a href={`#${inputId(path)}`}>
                    {FIELD_LABELS[path]}: {errors[path]}
                  </a>
                </li>
              ))}
              {formErrors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <p>{messages.intro}</p>
      {GROUPS.map((group) => {
        const inGroup = paths.filter((path) => groupOf(path) === group)
        if (inGroup.length === 0) return null
        return (
          <fieldset key={group}>
            <legend>{messages[`${group}Legend`]}</legend>
            {inGroup.map(field)}
          </fieldset>
        )
      })}
      {/* Saves from its own click, which Enter in a field also fires: a frame sandboxed without
          allow-forms never fires submit. Cancelling the click keeps the form from submitting as well. */}
      <button
        type="submit"
        onClick={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        {status === 'saving' ? messages.saving : messages.save}
      </button>
    </form>
  )
}
