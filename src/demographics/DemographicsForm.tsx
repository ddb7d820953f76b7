import { type ReactNode, type Ref, useId } from 'react'
import { REQUIRED_DEMOGRAPHIC_FIELDS } from '../core/demographics.js'
import {
  AUTOCOMPLETE,
  type DemographicsFormPath,
  type DemographicsFormValues,
  ETHNICITY_OPTIONS,
  FIELD_LABELS,
  GENDER_IDENTITY_OPTIONS,
  GENDER_OPTIONS,
  RACE_OPTIONS,
  SEXUAL_ORIENTATION_OPTIONS,
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
  /** Checks, then saves; errors land in `errors` and `formErrors`. */
  submit: () => void
  status: DemographicsFormStatus
  messages: DemographicsGateMessages
}

const SELECT_OPTIONS: Partial<Record<DemographicsFormPath, readonly { value: string; label: string }[]>> = {
  gender: GENDER_OPTIONS,
  race: RACE_OPTIONS,
  ethnicity: ETHNICITY_OPTIONS,
  sexual_orientation: SEXUAL_ORIENTATION_OPTIONS,
  gender_identity: GENDER_IDENTITY_OPTIONS,
}

const INPUT_TYPES: Partial<Record<DemographicsFormPath, string>> = {
  email: 'email',
  'medical_proxy.email': 'email',
  phone_number: 'tel',
  'medical_proxy.phone_number': 'tel',
  dob: 'date',
}

const REQUIRED: ReadonlySet<string> = new Set(REQUIRED_DEMOGRAPHIC_FIELDS)

function groupOf(path: DemographicsFormPath): 'patient' | 'address' | 'about' | 'proxy' {
  if (path.startsWith('address.')) return 'address'
  if (path.startsWith('medical_proxy.')) return 'proxy'
  if (['race', 'ethnicity', 'sexual_orientation', 'gender_identity'].includes(path)) return 'about'
  return 'patient'
}

/** The default form of `<DemographicsGate>`: unstyled, labelled, keyboard-complete, with an error summary. */
export function DemographicsForm(props: DemographicsFormRenderProps & { summaryRef: Ref<HTMLDivElement> }) {
  const { paths, values, errors, formErrors, missing, setValue, submit, status, messages } = props
  const id = useId()
  const inputId = (path: string) => `${id}-${path.replaceAll('.', '-')}`
  const errorEntries = paths.filter((path) => errors[path])
  const hasErrors = errorEntries.length > 0 || formErrors.length > 0

  function field(path: DemographicsFormPath): ReactNode {
    const fieldId = inputId(path)
    const error = errors[path]
    const hintId = path === 'phone_number' || path === 'medical_proxy.phone_number' ? `${fieldId}-hint` : undefined
    const errorId = error ? `${fieldId}-error` : undefined
    const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
    const common = {
      id: fieldId,
      name: path,
      value: values[path],
      autoComplete: AUTOCOMPLETE[path],
      required: REQUIRED.has(path),
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy,
    }
    const options = SELECT_OPTIONS[path]
    return (
      <div key={path} data-embedded-portals="field" data-missing={missing.includes(path) || undefined}>
        <label htmlFor={fieldId}>{FIELD_LABELS[path]}</label>
        {options ? (
          <select {...common} onChange={(event) => setValue(path, event.currentTarget.value)}>
            <option value="">{messages.choose}</option>
            {/* A value on file that is none of the choices is shown, and kept, as it is. */}
            {values[path] && !options.some((option) => option.value === values[path]) ? (
              <option value={values[path]}>{values[path]}</option>
            ) : null}
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...common}
            type={INPUT_TYPES[path] ?? 'text'}
            onChange={(event) => setValue(path, event.currentTarget.value)}
          />
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

  const groups = [
    { key: 'patient', legend: messages.patientLegend },
    { key: 'address', legend: messages.addressLegend },
    { key: 'about', legend: messages.aboutLegend },
    { key: 'proxy', legend: messages.proxyLegend },
  ] as const

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
      <div ref={props.summaryRef} tabIndex={-1} role={hasErrors ? 'alert' : undefined} data-embedded-portals="summary">
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
      {groups.map((group) => {
        const inGroup = paths.filter((path) => groupOf(path) === group.key)
        if (inGroup.length === 0) return null
        return (
          <fieldset key={group.key}>
            <legend>{group.legend}</legend>
            {inGroup.map(field)}
          </fieldset>
        )
      })}
      <button type="submit">{status === 'saving' ? messages.saving : messages.save}</button>
    </form>
  )
}
