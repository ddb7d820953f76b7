import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import type { Demographics } from '../core/demographics.js'
import type { EmbedFieldError } from '../core/errors.js'
import { PortalLaunchButton } from '../launch/PortalLaunchButton.js'
import {
  type DemographicsSaveScenario,
  type EndpointHandlersOptions,
  endpointHandlers,
  type SignedUrlScenario,
} from '../testing/endpointHandlers.js'
import { DemographicsGate } from './DemographicsGate.js'

const LANDING = 'http://127.0.0.1:45999'

const ADA: Demographics = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.com',
  phone_number: '+14155550123',
  gender: 'female',
  dob: '1985-12-10',
  address: { first_line: '1 Main St', city: 'San Francisco', state: 'CA', zip: '94105', country: 'US' },
}

interface Plan {
  demographics: Demographics | null
  signedUrl?: SignedUrlScenario | readonly SignedUrlScenario[]
  save?: DemographicsSaveScenario | readonly DemographicsSaveScenario[]
  saveFields?: readonly EmbedFieldError[]
  missing?: EndpointHandlersOptions['missing']
}

/** The host's endpoint for one story (demographics on file, save outcomes), reset before each run. */
function mockEndpoint(plan: Plan) {
  const endpoint = endpointHandlers({ urlBase: LANDING, ...(plan.missing ? { missing: plan.missing } : {}) })
  const story = {
    parameters: { msw: { handlers: endpoint.handlers } },
    beforeEach: () => {
      endpoint.setDemographics(plan.demographics)
      endpoint.use(plan.signedUrl ?? 'demographics_gated')
      endpoint.useSave(plan.save ?? 'ok', plan.saveFields ? { saveFields: plan.saveFields } : undefined)
      endpoint.reset()
    },
  }
  return { endpoint, story }
}

const gate = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('[data-embedded-portals="demographics-gate"]') as HTMLElement

async function fill(canvasElement: HTMLElement, label: RegExp, value: string) {
  const input = within(canvasElement).getByLabelText(label)
  await userEvent.clear(input)
  await userEvent.type(input, value)
}

async function fillAll(canvasElement: HTMLElement) {
  const canvas = within(canvasElement)
  await fill(canvasElement, /^first name/i, ADA.first_name)
  await fill(canvasElement, /^last name/i, ADA.last_name)
  await fill(canvasElement, /^email/i, ADA.email)
  await fill(canvasElement, /^phone/i, ADA.phone_number)
  await userEvent.selectOptions(canvas.getByLabelText(/^sex/i), ADA.gender)
  await fill(canvasElement, /^date of birth/i, ADA.dob)
  await fill(canvasElement, /address line 1/i, ADA.address.first_line)
  await fill(canvasElement, /^city/i, ADA.address.city)
  await fill(canvasElement, /^state/i, ADA.address.state)
  await fill(canvasElement, /zip/i, ADA.address.zip)
  await fill(canvasElement, /^country/i, ADA.address.country)
}

const save = (canvasElement: HTMLElement) =>
  userEvent.click(within(canvasElement).getByRole('button', { name: 'Save and continue' }))

const meta = {
  title: 'Demographics/DemographicsGate',
  component: DemographicsGate,
  tags: ['autodocs'],
  args: { onComplete: fn(), onError: fn(), children: <PortalLaunchButton /> },
  parameters: { docs: { story: { inline: false, height: '900px' } } },
} satisfies Meta<typeof DemographicsGate>

export default meta
type Story = StoryObj<typeof meta>

const missingAll = mockEndpoint({ demographics: null })
/** Nothing on file: the whole form. Filled and sent from the keyboard, the portal button comes back focused. */
export const MissingAll: Story = {
  ...missingAll.story,
  play: async ({ canvasElement, args }) => {
    await waitFor(() => expect(gate(canvasElement)).toHaveAttribute('data-state', 'demographics-required'))
    await fillAll(canvasElement)
    // Enter in the last field submits the form: no pointer needed.
    await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(gate(canvasElement)).toHaveAttribute('data-state', 'ready'))
    await expect(within(canvasElement).getByRole('button', { name: /open portal/i })).toHaveFocus()
    await expect(within(canvasElement).getByText('Details saved.')).toBeInTheDocument()
    await expect(args.onComplete).toHaveBeenCalledTimes(1)
  },
}

const missingSome = mockEndpoint({ demographics: { ...ADA, phone_number: '', dob: '' } })
/** Some fields on file: the form is prefilled, and what is missing is highlighted. */
export const MissingSome: Story = {
  ...missingSome.story,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(gate(canvasElement)).toHaveAttribute('data-state', 'demographics-required'))
    const canvas = within(canvasElement)
    await expect(canvas.getByLabelText(/^first name/i)).toHaveValue('Ada')
    await expect(canvas.getByLabelText(/^phone/i).closest('[data-missing]')).not.toBeNull()
    await expect(canvas.getByLabelText(/^first name/i).closest('[data-missing]')).toBeNull()
  },
}

const fieldErrors = mockEndpoint({
  demographics: null,
  save: 'validation_error',
  saveFields: [
    { path: 'address.zip', message: 'is not a valid ZIP code' },
    { path: 'insurance.member_id', message: 'is required' },
  ],
})
/** The server refuses fields: each lands on its input; an unknown path goes to the summary, which takes focus. */
export const ServerFieldErrors: Story = {
  ...fieldErrors.story,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(gate(canvasElement)).toHaveAttribute('data-state', 'demographics-required'))
    await fillAll(canvasElement)
    await save(canvasElement)
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByLabelText(/zip/i)).toHaveAttribute('aria-invalid', 'true'))
    await expect(canvas.getByRole('alert')).toHaveTextContent('insurance.member_id: is required')
    await expect(canvas.getByRole('alert')).toHaveFocus()
  },
}

const saveFailure = mockEndpoint({ demographics: null, save: ['server_error', 'ok'] })
/** The save fails (500): nothing typed is lost, and saving again works. */
export const SaveFailure: Story = {
  ...saveFailure.story,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(gate(canvasElement)).toHaveAttribute('data-state', 'demographics-required'))
    await fillAll(canvasElement)
    await save(canvasElement)
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByRole('alert')).toHaveTextContent('could not be saved'))
    await expect(canvas.getByLabelText(/address line 1/i)).toHaveValue('1 Main St')
    await save(canvasElement)
    await waitFor(() => expect(gate(canvasElement)).toHaveAttribute('data-state', 'ready'))
  },
}

const custom = mockEndpoint({ demographics: { ...ADA, phone_number: '' } })
/** `renderForm`: the host's own design system, with the gate's values, errors and submit. */
export const CustomForm: Story = {
  ...custom.story,
  args: {
    renderForm: ({ values, errors, setValue, submit, status, missing }) => (
      <form
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <p>Still needed: {missing.join(', ')}</p>
        <label>
          Mobile number
          <input
            value={values.phone_number}
            aria-invalid={errors.phone_number ? true : undefined}
            onChange={(event) => setValue('phone_number', event.currentTarget.value)}
          />
        </label>
        {errors.phone_number ? <p role="alert">{errors.phone_number}</p> : null}
        <button type="submit">{status === 'saving' ? 'Saving' : 'Continue'}</button>
      </form>
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByText('Still needed: phone_number')).toBeInTheDocument())
    await userEvent.type(canvas.getByLabelText('Mobile number'), '+14155550123')
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }))
    await waitFor(() => expect(gate(canvasElement)).toHaveAttribute('data-state', 'ready'))
  },
}

const handOver = mockEndpoint({
  demographics: ADA,
  signedUrl: ['demographics_required', 'fresh'],
  missing: ['address.zip'],
})
/** The details look complete, but the portal answers 422: the child's button hands over to the gate. */
export const ChildButtonGets422: Story = {
  ...handOver.story,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const button = await canvas.findByRole('button', { name: /open portal/i })
    await userEvent.hover(button)
    await waitFor(() => expect(gate(canvasElement)).toHaveAttribute('data-state', 'demographics-required'))
    await expect(canvas.getByLabelText(/zip/i).closest('[data-missing]')).not.toBeNull()
    await save(canvasElement)
    await waitFor(() => expect(gate(canvasElement)).toHaveAttribute('data-state', 'ready'))
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: /open portal/i })).toHaveAttribute('data-state', 'ready'),
    )
  },
}
