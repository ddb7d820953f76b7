import { act, fireEvent, render, screen } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { stubWindowOpen } from '../../../test/support/fake-tab.js'
import { COMPLETE_DEMOGRAPHICS } from '../../../test/support/fixtures.js'
import { type SetupOptions, settle, setupEndpoint, useFakeClock } from '../../../test/support/signed-url.js'
import type { Demographics } from '../../core/demographics.js'
import { isEmbedSecretQuery } from '../../core/queryMeta.js'
import { PortalLaunchButton } from '../../launch/PortalLaunchButton.js'
import { DemographicsGate, type DemographicsGateProps } from '../DemographicsGate.js'

beforeEach(() => {
  useFakeClock()
})

const COMPLETE: Demographics = COMPLETE_DEMOGRAPHICS

function renderGate(setup: SetupOptions, props: Partial<DemographicsGateProps> = {}) {
  const endpoint = setupEndpoint(setup)
  const Wrapper = endpoint.wrapper
  const view = render(
    <Wrapper>
      <DemographicsGate {...props}>
        <PortalLaunchButton />
      </DemographicsGate>
    </Wrapper>,
  )
  const gate = () => view.container.querySelector('[data-embedded-portals="demographics-gate"]') as HTMLElement
  return { ...endpoint, ...view, gate }
}

const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })

function fillCompleteForm() {
  type(/^first name/i, COMPLETE.first_name)
  type(/^last name/i, COMPLETE.last_name)
  type(/^email/i, COMPLETE.email)
  type(/^phone/i, COMPLETE.phone_number)
  type(/^sex$/i, COMPLETE.gender)
  type(/^date of birth/i, COMPLETE.dob)
  type(/address line 1/i, COMPLETE.address.first_line)
  type(/^city/i, COMPLETE.address.city)
  type(/^state/i, COMPLETE.address.state)
  type(/zip/i, COMPLETE.address.zip)
  type(/^country/i, COMPLETE.address.country)
}

const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save and continue' }))

describe('DemographicsGate', () => {
  it('asks a patient without demographics, saves, then the button is back, focused, and opens the portal', async () => {
    const { open } = stubWindowOpen()
    const onComplete = vi.fn()
    const { endpoint, gate } = renderGate({ signedUrl: 'demographics_gated', demographics: null }, { onComplete })
    await settle()
    expect(gate()).toHaveAttribute('data-state', 'demographics-required')
    expect(screen.queryByRole('button', { name: /open portal/i })).toBeNull()
    fillCompleteForm()
    save()
    await settle()
    expect(endpoint.demographicsRequests.filter((r) => r.method === 'PUT')).toHaveLength(1)
    expect(gate()).toHaveAttribute('data-state', 'ready')
    const button = screen.getByRole('button', { name: /open portal/i })
    expect(button).toHaveFocus()
    expect(screen.getByText('Details saved.')).toBeInTheDocument()
    expect(onComplete).toHaveBeenCalledTimes(1)
    // Focus is intent: the URL is fetched, and now that the details are on file it comes.
    await settle()
    fireEvent.click(button)
    await settle()
    expect(open).toHaveBeenCalled()
    expect(endpoint.issuedUrls).toHaveLength(1)
  })

  it('takes over when a child’s portal answers demographics_required, highlighting what is missing', async () => {
    const { open } = stubWindowOpen()
    const { endpoint, gate, container } = renderGate(
      { signedUrl: ['demographics_required', 'fresh'], missing: ['address.zip'], demographics: COMPLETE },
      {},
    )
    await settle()
    expect(gate()).toHaveAttribute('data-state', 'ready')
    const button = screen.getByRole('button', { name: /open portal/i })
    fireEvent.click(button)
    await settle()
    expect(gate()).toHaveAttribute('data-state', 'demographics-required')
    expect(container.querySelector('[data-missing] #' + CSS.escape(screen.getByLabelText(/zip/i).id))).not.toBeNull()
    expect(screen.getByLabelText(/^first name/i)).toHaveValue('Ada')
    save()
    await settle()
    expect(gate()).toHaveAttribute('data-state', 'ready')
    fireEvent.click(screen.getByRole('button', { name: /open portal/i }))
    await settle()
    expect(open.mock.calls.length).toBeGreaterThan(0)
    expect(endpoint.issuedUrls).toHaveLength(1)
  })

  it('checks the form before any round trip, and focuses the error summary', async () => {
    const { endpoint } = renderGate({ signedUrl: 'demographics_gated', demographics: null })
    await settle()
    fillCompleteForm()
    type(/^phone/i, '415 555')
    save()
    await settle()
    expect(endpoint.demographicsRequests.filter((r) => r.method === 'PUT')).toHaveLength(0)
    const phone = screen.getByLabelText(/^phone/i)
    expect(phone).toHaveAttribute('aria-invalid', 'true')
    const described = phone.getAttribute('aria-describedby')?.split(' ') ?? []
    expect(described.length).toBe(2)
    const summary = screen.getByRole('alert')
    expect(summary).toHaveFocus()
    expect(summary.textContent).not.toContain('415 555')
  })

  it('puts the server’s field errors on the right inputs, and unknown paths in the summary', async () => {
    renderGate({
      signedUrl: 'demographics_gated',
      demographics: null,
      saveDemographics: 'validation_error',
      saveFields: [
        { path: 'address.zip', message: 'is not a valid ZIP code' },
        { path: 'insurance.member_id', message: 'is required' },
      ],
    })
    await settle()
    fillCompleteForm()
    save()
    await settle()
    const zip = screen.getByLabelText(/zip/i)
    expect(zip).toHaveAttribute('aria-invalid', 'true')
    expect(document.getElementById(zip.getAttribute('aria-describedby') ?? '')).toHaveTextContent(
      'is not a valid ZIP code',
    )
    expect(screen.getByRole('alert')).toHaveTextContent('insurance.member_id: is required')
    expect(screen.getByRole('alert')).toHaveFocus()
  })

  it('loses nothing typed when the save fails, and saves on the next try', async () => {
    const { endpoint, gate } = renderGate({
      signedUrl: 'demographics_gated',
      demographics: null,
      saveDemographics: ['server_error', 'ok'],
    })
    await settle()
    fillCompleteForm()
    save()
    await settle()
    expect(screen.getByRole('alert')).toHaveTextContent('could not be saved')
    expect(screen.getByLabelText(/^last name/i)).toHaveValue('Lovelace')
    expect(screen.getByLabelText(/address line 1/i)).toHaveValue('1 Main St')
    save()
    await settle()
    expect(gate()).toHaveAttribute('data-state', 'ready')
    expect(endpoint.demographicsRequests.filter((r) => r.method === 'PUT')).toHaveLength(2)
  })

  it('sends back what is on file but not in the form, so that saving erases nothing', async () => {
    const onFile = {
      ...COMPLETE,
      phone_number: '',
      race: 'asian',
      address: { ...COMPLETE.address, access_notes: 'Gate code 42' },
    } as Demographics
    const { endpoint, queryClient } = renderGate({ signedUrl: 'demographics_gated', demographics: onFile })
    const secret: boolean[] = []
    queryClient.getMutationCache().subscribe((event) => {
      if (event.mutation) secret.push(isEmbedSecretQuery(event.mutation.options))
    })
    await settle()
    type(/^phone/i, '+14155550123')
    save()
    await settle()
    // The save's variables are patient data: a persister that skips secret queries skips it too.
    expect(secret.length).toBeGreaterThan(0)
    expect(secret.every(Boolean)).toBe(true)
    const put = endpoint.demographicsRequests.find((r) => r.method === 'PUT')
    expect(put?.body).toMatchObject({
      phone_number: '+14155550123',
      race: 'asian',
      address: { access_notes: 'Gate code 42', zip: '94105' },
    })
  })

  it('lets the host draw the form with renderForm', async () => {
    const { gate } = renderGate(
      { signedUrl: 'demographics_gated', demographics: { ...COMPLETE, phone_number: '' } as Demographics },
      {
        renderForm: ({ values, setValue, submit, missing }) => (
          <div>
            <p>Missing: {missing.join(', ')}</p>
            <label>
              Mobile
              <input value={values.phone_number} onChange={(event) => setValue('phone_number', event.target.value)} />
            </label>
            <button type="button" onClick={submit}>
              Done
            </button>
          </div>
        ),
      },
    )
    await settle()
    expect(screen.getByText('Missing: phone_number')).toBeInTheDocument()
    fireEvent.change(screen.getByLabelText('Mobile'), { target: { value: '+14155550123' } })
    act(() => screen.getByRole('button', { name: 'Done' }).click())
    await settle()
    expect(gate()).toHaveAttribute('data-state', 'ready')
  })
})

describe('DemographicsGate: values on file that are not choices', () => {
  it('shows and keeps a gender that is none of the options', async () => {
    useFakeClock()
    const { endpoint } = renderGate({
      signedUrl: 'demographics_gated',
      demographics: { ...COMPLETE, gender: 'non-binary', phone_number: '' } as Demographics,
    })
    await settle()
    expect(screen.getByLabelText(/^sex/i)).toHaveValue('non-binary')
    type(/^phone/i, '+14155550123')
    save()
    await settle()
    expect(endpoint.demographicsRequests.find((r) => r.method === 'PUT')?.body).toMatchObject({ gender: 'non-binary' })
  })
})

describe('DemographicsGate where the browser fires no submit (a frame sandboxed without allow-forms)', () => {
  /** Swallows every `submit` before React sees it, as such a frame does. */
  function withoutSubmit() {
    const swallow = (event: Event) => {
      event.preventDefault()
      event.stopImmediatePropagation()
    }
    window.addEventListener('submit', swallow, true)
    return () => window.removeEventListener('submit', swallow, true)
  }

  it('saves from the button’s click, once, and hands back to the children', async () => {
    const restore = withoutSubmit()
    try {
      const onComplete = vi.fn()
      const { endpoint, gate } = renderGate({ demographics: null }, { onComplete })
      await settle()
      fillCompleteForm()
      save()
      await settle()
      expect(endpoint.demographicsRequests.filter((r) => r.method === 'PUT')).toHaveLength(1)
      expect(gate()).toHaveAttribute('data-state', 'ready')
      expect(screen.getByRole('button', { name: /open portal/i })).toHaveFocus()
      expect(onComplete).toHaveBeenCalledTimes(1)
    } finally {
      restore()
    }
  })

  it('checks the fields from the button’s click as before: the summary takes focus, nothing is sent', async () => {
    const restore = withoutSubmit()
    try {
      const { endpoint, container } = renderGate({ demographics: null })
      await settle()
      save()
      await settle()
      expect(endpoint.demographicsRequests.filter((r) => r.method === 'PUT')).toHaveLength(0)
      const summary = container.querySelector('[data-embedded-portals="summary"]')
      expect(summary).toHaveFocus()
      expect(summary).toHaveAttribute('role', 'alert')
    } finally {
      restore()
    }
  })
})

describe('DemographicsGate where the browser fires submit too', () => {
  it('saves once for a click on the button', async () => {
    const submitted = vi.fn()
    window.addEventListener('submit', submitted)
    try {
      const { endpoint } = renderGate({ demographics: null })
      await settle()
      fillCompleteForm()
      save()
      await settle()
      expect(endpoint.demographicsRequests.filter((r) => r.method === 'PUT')).toHaveLength(1)
      expect(submitted).not.toHaveBeenCalled()
    } finally {
      window.removeEventListener('submit', submitted)
    }
  })

  it('still saves a form submitted another way (requestSubmit)', async () => {
    const { endpoint, container } = renderGate({ demographics: null })
    await settle()
    fillCompleteForm()
    act(() => {
      container.querySelector('form')?.requestSubmit()
    })
    await settle()
    expect(endpoint.demographicsRequests.filter((r) => r.method === 'PUT')).toHaveLength(1)
  })
})
