import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, spyOn, userEvent, waitFor, within } from 'storybook/test'
import { userClick } from '../../.storybook/user-click.js'
import { type EndpointHandlersOptions, endpointHandlers } from '../testing/endpointHandlers.js'
import { PortalLaunchButton } from './PortalLaunchButton.js'

// Signed URLs (`${LANDING}/portal?token=…`) point at another origin; under Vitest, Playwright answers it.
const LANDING = 'http://127.0.0.1:45999'

/** The host's endpoint for one story, played by MSW; its answers and records start afresh on each run. */
function mockEndpoint(options: Omit<EndpointHandlersOptions, 'urlBase'> = {}) {
  const endpoint = endpointHandlers({ urlBase: LANDING, ...options })
  const story = {
    parameters: { msw: { handlers: endpoint.handlers } },
    beforeEach: () => {
      endpoint.use(options.signedUrl ?? 'fresh')
      endpoint.reset()
    },
  }
  return { endpoint, story }
}

const button = (canvasElement: HTMLElement, name: string | RegExp = /portal/i) =>
  within(canvasElement).getByRole('button', { name })

/** A click from a script: waits until the page has no user activation left, so the browser blocks any tab it opens. */
async function clickWithoutActivation(element: HTMLElement) {
  await waitFor(() => expect(navigator.userActivation.isActive).toBe(false), { timeout: 6_000 })
  element.click()
}

/** Runs `during`, then closes the tabs the page opened meanwhile: a story leaves no tab behind, in Storybook as under Vitest. */
async function closingTabs(during: () => Promise<void>) {
  const open = spyOn(window, 'open')
  try {
    await during()
  } finally {
    for (const result of open.mock.results) if (result.type === 'return') result.value?.close()
    open.mockRestore()
  }
}

/** Makes the clipboard accept or refuse, whatever the browser's permissions; restored before the next story. */
function stubClipboard(outcome: 'accept' | 'refuse') {
  const answer = () =>
    outcome === 'accept' ? Promise.resolve() : Promise.reject(new DOMException('Denied', 'NotAllowedError'))
  spyOn(navigator.clipboard, 'write').mockImplementation(answer)
  return spyOn(navigator.clipboard, 'writeText').mockImplementation(answer)
}

const meta = {
  title: 'Launch/PortalLaunchButton',
  component: PortalLaunchButton,
  tags: ['autodocs'],
  args: { onLaunch: fn(), onError: fn() },
  // One frame per story on the docs page: MSW answers each frame with its own story's handlers.
  parameters: { docs: { story: { inline: false, height: '96px' } } },
  argTypes: {
    context: { control: 'inline-radio', options: ['launch', 'communications'] },
    action: { control: 'inline-radio', options: ['open', 'copy'] },
    openIn: { control: 'inline-radio', options: ['new-tab', 'same-tab'] },
    prefetch: { control: 'inline-radio', options: ['intent', 'render', 'visible', 'none'] },
    orderId: { control: 'text' },
    subject: { control: 'text' },
  },
} satisfies Meta<typeof PortalLaunchButton>

export default meta
type Story = StoryObj<typeof meta>

const idle = mockEndpoint()
/** Nothing is fetched on render. Pointing at the button or focusing it fetches the signed URL, so the click finds it ready. */
export const Idle: Story = {
  ...idle.story,
  play: async ({ canvasElement }) => {
    await expect(button(canvasElement)).toHaveAttribute('data-state', 'idle')
    await expect(idle.endpoint.requests).toHaveLength(0)
    await userEvent.hover(button(canvasElement))
    await waitFor(() => expect(button(canvasElement)).toHaveAttribute('data-state', 'ready'))
    await expect(idle.endpoint.requests).toHaveLength(1)
  },
}

const ready = mockEndpoint()
/** `prefetch="render"` fetches at mount: the first click opens the portal at once, inside the click. */
export const Ready: Story = {
  ...ready.story,
  args: { prefetch: 'render' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(button(canvasElement)).toHaveAttribute('data-state', 'ready'))
    await expect(ready.endpoint.requests[0]?.target).toEqual({ kind: 'junction.user_portal', context: 'launch' })
  },
}

const loading = mockEndpoint({ signedUrl: 'slow', delayMs: 10_000 })
/** While the URL is on its way the button is busy (`aria-busy`) but stays enabled: a click then opens a placeholder tab. */
export const Loading: Story = {
  ...loading.story,
  args: { prefetch: 'render' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(button(canvasElement)).toHaveAttribute('data-state', 'loading'))
    await expect(button(canvasElement)).toHaveAttribute('aria-busy', 'true')
    await expect(button(canvasElement)).toBeEnabled()
  },
}

const blocked = mockEndpoint()
/** When the browser blocks the tab (here: a click from a script, without user activation), an inline link opens the portal instead. */
export const Blocked: Story = {
  ...blocked.story,
  args: { prefetch: 'render' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(button(canvasElement)).toHaveAttribute('data-state', 'ready'))
    await clickWithoutActivation(button(canvasElement))
    await waitFor(() => expect(button(canvasElement)).toHaveAttribute('data-state', 'blocked'))
    await expect(within(canvasElement).getByText(/blocked the new tab/)).toBeVisible()
    const link = within(canvasElement).getByRole('link', { name: 'Open portal' })
    await expect(link).toHaveAttribute('href', blocked.endpoint.issuedUrls[0])
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer')
    await expect(link).toHaveAttribute('target', '_blank')
  },
}

const opening = mockEndpoint({ signedUrl: 'slow', delayMs: 2_000 })
/**
 * A click without a URL opens a placeholder tab at once ("Opening…"), which the popup blocker allows
 * inside the click, and sends it to the portal when the URL arrives (here after 2 s).
 */
export const Opening: Story = {
  ...opening.story,
  args: { prefetch: 'none' },
  play: ({ canvasElement }) =>
    closingTabs(async () => {
      await userClick(button(canvasElement))
      await expect(button(canvasElement)).toHaveAttribute('data-state', 'opening')
      await expect(button(canvasElement)).toHaveAttribute('aria-busy', 'true')
      await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Opening…')
      await waitFor(() => expect(button(canvasElement)).not.toHaveAttribute('data-state', 'opening'), {
        timeout: 5_000,
      })
      await expect(opening.endpoint.requests).toHaveLength(1)
    }),
}

const serverError = mockEndpoint({ signedUrl: 'server_error' })
/** A 5xx is retried three times with backoff (about 5 s) before the error shows, with "Try again" (here the endpoint has recovered by then). */
export const ServerError: Story = {
  ...serverError.story,
  play: async ({ canvasElement, args }) => {
    await userEvent.hover(button(canvasElement))
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 10_000 })
    // People read the library's sentence; what the server said goes to the developer's detail.
    await expect(alert).toHaveTextContent('The portal service is unavailable right now.')
    await expect(button(canvasElement)).toHaveAttribute('data-state', 'error')
    await expect(serverError.endpoint.requests).toHaveLength(4)
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({
        code: 'upstream_unavailable',
        status: 502,
        detail: expect.stringContaining('The portal service is unavailable.'),
      }),
    )
    serverError.endpoint.use('fresh')
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(button(canvasElement)).toHaveAttribute('data-state', 'ready'))
    await expect(within(canvasElement).queryByRole('alert')).not.toBeInTheDocument()
  },
}

const forbidden = mockEndpoint({ signedUrl: 'forbidden' })
/** A 4xx such as 403 is not retried: its message shows at once, and "Try again" asks again (here with success). */
export const Forbidden: Story = {
  ...forbidden.story,
  args: { prefetch: 'render' },
  play: async ({ canvasElement, args }) => {
    const alert = await within(canvasElement).findByRole('alert')
    await expect(alert).toHaveTextContent('You do not have permission to do this.')
    await expect(forbidden.endpoint.requests).toHaveLength(1)
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'forbidden', status: 403 }))
    forbidden.endpoint.use('fresh')
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(button(canvasElement)).toHaveAttribute('data-state', 'ready'))
  },
}

const demographics = mockEndpoint({ signedUrl: 'demographics_required', missing: ['dob', 'address.zip'] })
/** A 422 `demographics_required`: without a `<DemographicsGate>` around it, the button says what is missing and offers no retry. */
export const DemographicsRequired: Story = {
  ...demographics.story,
  args: { prefetch: 'render', subject: 'patient-123' },
  play: async ({ canvasElement, args }) => {
    const alert = await within(canvasElement).findByRole('alert')
    await expect(alert).toHaveTextContent('The patient’s details must be completed before the portal can open.')
    await expect(within(alert).queryByRole('button')).not.toBeInTheDocument()
    await expect(button(canvasElement)).toHaveAttribute('data-state', 'demographics-required')
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'demographics_required', missing: ['dob', 'address.zip'] }),
    )
  },
}

const copyLink = mockEndpoint({ expiresIn: 7 * 24 * 3600 })
/** `context="communications"` asks for a long-lived link to send to the patient: the button copies it. */
export const CopyLink: Story = {
  ...copyLink.story,
  args: { context: 'communications' },
  play: async ({ canvasElement, args }) => {
    const writeText = stubClipboard('accept')
    await userEvent.hover(button(canvasElement, 'Copy portal link'))
    await waitFor(() => expect(button(canvasElement, 'Copy portal link')).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button(canvasElement, 'Copy portal link'))
    await waitFor(() => expect(within(canvasElement).getByRole('status')).toHaveTextContent('Link copied'))
    await expect(writeText).toHaveBeenCalledWith(copyLink.endpoint.issuedUrls[0])
    await expect(copyLink.endpoint.requests[0]?.target).toMatchObject({ context: 'communications' })
    await expect(args.onLaunch).toHaveBeenCalledWith({
      action: 'copy',
      via: 'clipboard',
      requestId: expect.any(String),
    })
  },
}

const copyFallback = mockEndpoint()
/** When the clipboard refuses, the link shows in a read-only field to copy by hand. */
export const CopyFallback: Story = {
  ...copyFallback.story,
  args: { context: 'communications', prefetch: 'render' },
  play: async ({ canvasElement }) => {
    stubClipboard('refuse')
    await waitFor(() => expect(button(canvasElement, 'Copy portal link')).toHaveAttribute('data-state', 'ready'))
    await userEvent.click(button(canvasElement, 'Copy portal link'))
    const field = await within(canvasElement).findByRole('textbox', { name: /Copy this link/ })
    await expect(field).toHaveValue(copyFallback.endpoint.issuedUrls[0])
    await expect(field).toHaveAttribute('readonly')
  },
}

const custom = mockEndpoint()
/** Every text can be replaced through `messages` (i18n); here in French, with the fallback link of a blocked tab. */
export const CustomMessages: Story = {
  ...custom.story,
  args: {
    prefetch: 'render',
    messages: {
      open: 'Ouvrir le portail',
      opening: 'Ouverture…',
      blockedHint: 'Votre navigateur a bloqué le nouvel onglet.',
      blockedLink: 'Ouvrir le portail ici',
      retry: 'Réessayer',
    },
  },
  decorators: [
    (Story) => (
      <div lang="fr">
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const own = button(canvasElement, 'Ouvrir le portail')
    await waitFor(() => expect(own).toHaveAttribute('data-state', 'ready'))
    await clickWithoutActivation(own)
    await expect(await within(canvasElement).findByText(/Votre navigateur a bloqué/)).toBeVisible()
    const link = within(canvasElement).getByRole('link', { name: 'Ouvrir le portail ici' })
    await expect(link).toHaveAttribute('href', custom.endpoint.issuedUrls[0])
  },
}

const userHub = mockEndpoint({ signedUrl: 'redirect_url' })
/**
 * The UserHub billing portal. Its sign-in links are single use, so nothing is prefetched: the URL is
 * minted at the click. UserHub's own pattern is `openIn="same-tab"`, which leaves the host page for the
 * portal (and the portal's "back" returns to `return_url`); this story opens a new tab instead, so that
 * Storybook stays where it is.
 */
export const UserHub: Story = {
  ...userHub.story,
  args: { target: { kind: 'userhub.portal', portal_url: '/acct_42/plans' }, openIn: 'new-tab' },
  play: ({ canvasElement }) =>
    closingTabs(async () => {
      await userEvent.hover(button(canvasElement))
      await expect(button(canvasElement)).toHaveAttribute('data-state', 'idle')
      await expect(userHub.endpoint.requests).toHaveLength(0)
      await userClick(button(canvasElement))
      await waitFor(() => expect(userHub.endpoint.requests).toHaveLength(1))
      await expect(userHub.endpoint.requests[0]?.target).toEqual({
        kind: 'userhub.portal',
        portal_url: '/acct_42/plans',
      })
      await waitFor(() => expect(button(canvasElement)).not.toHaveAttribute('data-state', 'opening'))
      await expect(within(canvasElement).queryByRole('alert')).not.toBeInTheDocument()
    }),
}

const asChild = mockEndpoint()
/** `asChild` puts the behaviour on the host's own element (its only child): handlers, `data-state` and ref are merged in. */
export const AsChild: Story = {
  ...asChild.story,
  args: { asChild: true, prefetch: 'render', className: 'launch' },
  render: (args) => (
    <PortalLaunchButton {...args}>
      <button type="button" className="host-button">
        See lab results
      </button>
    </PortalLaunchButton>
  ),
  play: async ({ canvasElement }) => {
    const own = button(canvasElement, 'See lab results')
    await waitFor(() => expect(own).toHaveAttribute('data-state', 'ready'))
    await expect(own).toHaveClass('launch', 'host-button')
    await expect(within(canvasElement).getAllByRole('button')).toHaveLength(1)
  },
}
