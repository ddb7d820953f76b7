import type { Meta, StoryObj } from '@storybook/react-vite'
import { delay, http } from 'msw'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { type EndpointHandlersOptions, endpointHandlers } from '../testing/endpointHandlers.js'
import { DashboardEmbed } from './DashboardEmbed.js'

// Signed URLs point at a stub of the Junction Dashboard served with the stories (public/stub-dashboard.html):
// it posts Junction's messages like the real one, and nothing leaves the machine.
const STUB = '/stub-dashboard.html'

/** The host's endpoint for one story, played by MSW; its answers and records start afresh on each run. */
function mockEndpoint(
  options: Omit<EndpointHandlersOptions, 'urlBase'> = {},
  extra: ReturnType<typeof http.get>[] = [],
) {
  const endpoint = endpointHandlers({ urlBase: window.location.origin, urlPath: STUB, ...options })
  const story = {
    parameters: { msw: { handlers: [...endpoint.handlers, ...extra] } },
    beforeEach: () => {
      endpoint.use(options.signedUrl ?? 'fresh')
      endpoint.reset()
    },
  }
  return { endpoint, story }
}

const root = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('[data-embedded-portals="dashboard"]') as HTMLElement

const frame = (canvasElement: HTMLElement) => canvasElement.querySelector('iframe') as HTMLIFrameElement

/** The stub's control, reached in the frame (same origin here) the way a user's click would. */
function pressInFrame(canvasElement: HTMLElement, id: string) {
  const button = frame(canvasElement).contentDocument?.getElementById(id)
  if (!button) throw new Error(`no #${id} in the dashboard frame`)
  button.click()
}

const meta = {
  title: 'Embed/DashboardEmbed',
  component: DashboardEmbed,
  tags: ['autodocs'],
  args: {
    feature: 'order_creation',
    modality: 'feature_embed',
    environment: 'sandbox',
    integrationMemberId: 'patient-42',
    height: 360,
    onLoad: fn(),
    onError: fn(),
    onOrderCreated: fn(),
    onOrderCreationCancelled: fn(),
    onMessage: fn(),
  },
  parameters: { docs: { story: { inline: false, height: '420px' } } },
  argTypes: {
    modality: { control: 'inline-radio', options: ['feature_embed', 'link_out'] },
    environment: { control: 'inline-radio', options: ['production', 'sandbox'] },
    feature: { control: 'text' },
  },
} satisfies Meta<typeof DashboardEmbed>

export default meta
type Story = StoryObj<typeof meta>

const embedded = mockEndpoint()
/** Loaded with a fresh signed URL. "Create order" in the dashboard reaches `onOrderCreated`. */
export const Embedded: Story = {
  ...embedded.story,
  play: async ({ canvasElement, args }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'ready'), { timeout: 10_000 })
    await expect(frame(canvasElement).src).toBe(embedded.endpoint.issuedUrls[0])
    pressInFrame(canvasElement, 'create-order')
    await waitFor(() =>
      expect(args.onOrderCreated).toHaveBeenCalledWith({
        orderId: '11111111-1111-4111-8111-111111111111',
        userId: '22222222-2222-4222-8222-222222222222',
        teamId: '33333333-3333-4333-8333-333333333333',
      }),
    )
    pressInFrame(canvasElement, 'cancel-order')
    await waitFor(() => expect(args.onOrderCreationCancelled).toHaveBeenCalledTimes(1))
    await expect(args.onMessage).toHaveBeenCalledTimes(2)
  },
}

const loading = mockEndpoint({ signedUrl: 'slow', delayMs: 600_000 })
/** Waiting for the signed URL: the placeholder is a polite status, the root is busy. */
export const Loading: Story = {
  ...loading.story,
  play: async ({ canvasElement }) => {
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'loading')
    await expect(root(canvasElement)).toHaveAttribute('aria-busy', 'true')
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Loading the dashboard…')
  },
}

const lazy = mockEndpoint()
/** `lazy`: below the fold, nothing is fetched or loaded until the embed comes near the viewport. */
export const Lazy: Story = {
  ...lazy.story,
  args: { lazy: true },
  render: (args) => (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable from the keyboard
    <section style={{ height: 300, overflow: 'auto' }} data-testid="scroller" tabIndex={0} aria-label="Page">
      <div style={{ height: 1200 }}>Scroll down to the dashboard.</div>
      <DashboardEmbed {...args} />
    </section>
  ),
  play: async ({ canvasElement }) => {
    await new Promise((resolve) => setTimeout(resolve, 300))
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'idle')
    await expect(lazy.endpoint.requests).toHaveLength(0)
    within(canvasElement).getByTestId('scroller').scrollTop = 1200
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'ready'), { timeout: 10_000 })
    await expect(lazy.endpoint.requests).toHaveLength(1)
  },
}

const failing = mockEndpoint({ signedUrl: ['forbidden', 'fresh'] })
/** The endpoint refused (403): the error is shown with a retry, which loads a fresh URL. */
export const EndpointError: Story = {
  ...failing.story,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'error'))
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('could not be opened')
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'ready'), { timeout: 10_000 })
  },
}

const stalled = mockEndpoint({ urlPath: `${STUB}?stall` }, [
  http.get('/__stub-dashboard-stall.js', async () => {
    await delay('infinite')
  }),
])
/** The frame never finishes loading: after `loadTimeoutMs` the embed says why that usually happens. */
export const TimedOut: Story = {
  ...stalled.story,
  args: { loadTimeoutMs: 1_500 },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'error'), { timeout: 8_000 })
    const alert = within(canvasElement).getByRole('alert')
    await expect(alert).toHaveTextContent('The dashboard did not load.')
    await expect(alert).toHaveTextContent('allowed origins')
  },
}

const invalid = mockEndpoint({
  signedUrl: 'validation_error',
  fields: [{ path: 'target.integration_member_id', message: 'cannot be given together with member_id' }],
})
/** Both member ids at once (plain JavaScript gets past the types): the server refuses the target. */
export const InvalidProps: Story = {
  ...invalid.story,
  args: { memberId: '22222222-2222-4222-8222-222222222222' } as never,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'error'))
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('some of its fields are invalid')
    await expect(invalid.endpoint.requests).toHaveLength(1)
  },
}

const linkOut = mockEndpoint()
/** `link_out`: the launch button, prefetching on intent and opening the dashboard in a new tab. */
export const LinkOut: Story = {
  ...linkOut.story,
  args: { modality: 'link_out' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    // No `idle` check first: under the test runner the real mouse may already rest where the button appears,
    // which is intent too (the button's idle state is tested in jsdom and in the launch button's stories).
    // The button found first may be the stand-in shown while the launch button's chunk loads: the intent it
    // takes passes on, and the launch button takes its place, so the button is looked up again.
    await userEvent.hover(canvas.getByRole('button', { name: 'Open dashboard' }))
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: 'Open dashboard' })).toHaveAttribute('data-state', 'ready'),
    )
    await expect(linkOut.endpoint.requests).toHaveLength(1)
    await expect(linkOut.endpoint.requests[0]?.target).toMatchObject({ modality: 'link_out' })
  },
}

const fastLaunch = mockEndpoint()
/** Fast Launch, `link_out`: a plain new-tab link to Junction; the host's continuation route signs. Nothing is fetched here. */
export const FastLaunchLinkOut: Story = {
  ...fastLaunch.story,
  args: { modality: 'link_out', strategy: 'fast-launch', slug: 'acme' },
  play: async ({ canvasElement }) => {
    const link = within(canvasElement).getByRole('link', { name: 'Open dashboard' })
    await expect(link.getAttribute('href')).toMatch(/^https:\/\/acme\.ehr\.junction\.com\/auth\/launch\?/)
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer')
    await expect(fastLaunch.endpoint.requests).toHaveLength(0)
  },
}
