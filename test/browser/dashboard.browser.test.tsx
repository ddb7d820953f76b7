import { QueryClient } from '@tanstack/react-query'
import { act, render, screen } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { createRef } from 'react'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { commands, userEvent } from 'vitest/browser'
import { DashboardEmbed, type DashboardEmbedHandle } from '../../src/dashboard/DashboardEmbed.js'
import type { DashboardEmbedProps } from '../../src/dashboard/types.js'
import { EmbedProvider } from '../../src/provider/EmbedProvider.js'
import { signedUrlQueryOptions } from '../../src/signedUrl/signedUrlQueryOptions.js'
import { worker } from '../support/msw-worker.js'
import { FOREIGN_POSTER_PATH, HANGING_PATH, LANDING_ORIGIN, REDIRECTING_ORIGIN } from './commands.js'

// The host's endpoint is the real server handler (run by a command), signing through the vendor
// simulator on loopback; the frame loads the simulator's dashboard page, on another origin.

const TITLE = 'Junction Dashboard: Order creation'

beforeAll(async () => {
  await commands.serveLanding()
})

afterAll(async () => {
  await commands.closeDashboardSimulators()
})

interface EndpointPlan {
  /** `expires_in` the simulator gives the next URLs; changeable during a test. */
  expiresIn: number
  /** Instead of signing, answer with this URL (for pages the simulator does not serve). */
  fixedUrl?: string | undefined
}

function setup(props: Partial<DashboardEmbedProps> = {}, plan: EndpointPlan = { expiresIn: 300 }) {
  const issued: string[] = []
  worker.use(
    http.post('/api/portals/signed-url', async ({ request }) => {
      if (plan.fixedUrl) return HttpResponse.json({ url: plan.fixedUrl, expires_in: 300 })
      const answer = await commands.dashboardSignedUrl(await request.json(), plan.expiresIn)
      if (answer.status === 200) issued.push((answer.body as { url: string }).url)
      return HttpResponse.json(answer.body as Record<string, unknown>, { status: answer.status })
    }),
  )
  const ref = createRef<DashboardEmbedHandle>()
  const queryClient = new QueryClient()
  const onOrderCreated = vi.fn()
  const onMessage = vi.fn()
  const view = render(
    <EmbedProvider endpoint="/api/portals" queryClient={queryClient} allowInsecureLocalhost>
      <DashboardEmbed
        ref={ref}
        feature="order_creation"
        modality="feature_embed"
        environment="sandbox"
        integrationMemberId="patient-42"
        onOrderCreated={onOrderCreated}
        onMessage={onMessage}
        {...(props as object)}
      />
    </EmbedProvider>,
  )
  const root = () => view.container.querySelector('[data-embedded-portals="dashboard"]') as HTMLElement
  const frame = () => view.container.querySelector('iframe')
  return { issued, plan, ref, root, frame, onOrderCreated, onMessage, queryClient }
}

async function waitForState(root: () => HTMLElement, state: string, timeout = 10_000) {
  await vi.waitFor(() => expect(root()).toHaveAttribute('data-state', state), { timeout, interval: 50 })
}

describe('DashboardEmbed in Chromium, against the simulator’s dashboard', () => {
  it('frames the signed URL, and pressing the page’s "Create order" reaches onOrderCreated', async () => {
    const { issued, root, frame, onOrderCreated, onMessage } = setup()
    await waitForState(root, 'ready')
    expect(issued).toHaveLength(1)
    expect(frame()?.src).toBe(issued[0])
    expect(new URL(issued[0] ?? '').origin).not.toBe(window.location.origin)
    await commands.dashboardFrame(TITLE, { press: 'Create order' })
    await vi.waitFor(() => expect(onOrderCreated).toHaveBeenCalledTimes(1))
    const event = onOrderCreated.mock.calls[0]?.[0]
    expect(event).toEqual({ orderId: expect.any(String), userId: expect.any(String), teamId: expect.any(String) })
    expect(onMessage).toHaveBeenCalledWith(expect.objectContaining({ type: 'urn:junction:order:created' }))
  })

  it('ignores the same message from another origin and from another window of the right origin', async () => {
    const { root, onOrderCreated, onMessage } = setup()
    await waitForState(root, 'ready')
    const received: string[] = []
    const listen = (event: MessageEvent) => received.push(event.origin)
    window.addEventListener('message', listen)
    // Another origin: a page on the landing origin posts a perfect Junction message to this window.
    const foreign = document.createElement('iframe')
    foreign.title = 'Foreign page'
    foreign.src = `${LANDING_ORIGIN}${FOREIGN_POSTER_PATH}`
    document.body.append(foreign)
    await vi.waitFor(() => expect(received).toEqual([LANDING_ORIGIN]))
    // Another window, right origin: a second simulator dashboard, outside the embed.
    const answer = await commands.dashboardSignedUrl({
      target: {
        kind: 'junction.dashboard',
        feature: 'order_creation',
        modality: 'feature_embed',
        environment: 'sandbox',
      },
    })
    const otherUrl = (answer.body as { url: string }).url
    const other = document.createElement('iframe')
    other.title = 'Other dashboard'
    const otherLoaded = new Promise((resolve) => other.addEventListener('load', resolve, { once: true }))
    other.src = otherUrl
    document.body.append(other)
    await otherLoaded
    await commands.dashboardFrame('Other dashboard', { press: 'Create order' })
    await vi.waitFor(() => expect(received).toEqual([LANDING_ORIGIN, new URL(otherUrl).origin]))
    window.removeEventListener('message', listen)
    expect(onOrderCreated).not.toHaveBeenCalled()
    expect(onMessage).not.toHaveBeenCalled()
    foreign.remove()
    other.remove()
  })

  it('ignores its own frame once it has left the signed URL’s origin', async () => {
    // The signed URL's origin redirects the frame elsewhere, whose page then posts a Junction message.
    const plan: EndpointPlan = { expiresIn: 300, fixedUrl: `${REDIRECTING_ORIGIN}/dashboard` }
    const received: MessageEvent[] = []
    const listen = (event: MessageEvent) => received.push(event)
    window.addEventListener('message', listen)
    const { root, frame, onOrderCreated, onMessage } = setup({}, plan)
    await waitForState(root, 'ready')
    await vi.waitFor(() => expect(received).toHaveLength(1))
    window.removeEventListener('message', listen)
    expect(received[0]?.source).toBe(frame()?.contentWindow)
    expect(received[0]?.origin).toBe(LANDING_ORIGIN)
    expect(onOrderCreated).not.toHaveBeenCalled()
    expect(onMessage).not.toHaveBeenCalled()
  })

  it('keeps the frame’s document, and what the user typed, through a background refresh', async () => {
    const { issued, root, frame, queryClient } = setup()
    await waitForState(root, 'ready')
    const iframe = frame()
    await commands.dashboardFrame(TITLE, { fill: ['Order notes', 'Fasting since 8 am'] })
    // A background refresh puts a newly signed URL for the same target in the cache.
    const target = {
      kind: 'junction.dashboard',
      feature: 'order_creation',
      modality: 'feature_embed',
      environment: 'sandbox',
      integration_member_id: 'patient-42',
    } as const
    await act(async () => {
      await queryClient.fetchQuery(
        signedUrlQueryOptions(target, { endpoint: '/api/portals', allowInsecureLocalhost: true }),
      )
    })
    expect(issued).toHaveLength(2)
    expect(frame()).toBe(iframe)
    expect(frame()?.src).toBe(issued[0])
    expect(await commands.dashboardFrame(TITLE, { read: 'Order notes' })).toBe('Fasting since 8 am')
  })

  it('reload() loads a fresh URL; the old one is never framed again', async () => {
    const { issued, root, frame, ref } = setup()
    await waitForState(root, 'ready')
    act(() => ref.current?.reload())
    await vi.waitFor(() => expect(issued).toHaveLength(2))
    await waitForState(root, 'ready')
    expect(frame()?.src).toBe(issued[1])
    expect(issued[1]).not.toBe(issued[0])
  })

  it('an expiring token gives the error state, and retry frames a fresh one', async () => {
    const plan: EndpointPlan = { expiresIn: 5 }
    const { issued, root, frame } = setup({}, plan)
    await waitForState(root, 'error')
    expect(frame()).toBeNull()
    expect(screen.getByRole('alert')).toHaveTextContent('could not be opened')
    plan.expiresIn = 300
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await waitForState(root, 'ready')
    expect(frame()?.src).toBe(issued.at(-1))
  })

  it('shows the timeout state, with its likely causes, when the frame never loads', async () => {
    const plan: EndpointPlan = { expiresIn: 300, fixedUrl: `${LANDING_ORIGIN}${HANGING_PATH}` }
    const { root } = setup({ loadTimeoutMs: 1_500 }, plan)
    await waitForState(root, 'loading')
    await waitForState(root, 'error', 5_000)
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('The dashboard did not load.')
    expect(alert).toHaveTextContent('allowed origins')
  })
})
