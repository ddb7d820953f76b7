import { act, fireEvent, render, screen } from '@testing-library/react'
import { createRef } from 'react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { stubWindowOpen } from '../../../test/support/fake-tab.js'
import { advance, type SetupOptions, settle, setupEndpoint, useFakeClock } from '../../../test/support/signed-url.js'
import { DashboardEmbed, type DashboardEmbedHandle } from '../DashboardEmbed.js'
import type { DashboardEmbedProps } from '../types.js'

beforeEach(() => {
  useFakeClock()
})

const ids = {
  order_id: '11111111-1111-4111-8111-111111111111',
  user_id: '22222222-2222-4222-8222-222222222222',
  team_id: '33333333-3333-4333-8333-333333333333',
}

const embedProps: DashboardEmbedProps = {
  feature: 'order_creation',
  modality: 'feature_embed',
  environment: 'sandbox',
  integrationMemberId: 'patient-42',
}

function renderEmbed(props: Partial<DashboardEmbedProps> = {}, setup: SetupOptions = {}) {
  const endpoint = setupEndpoint({ urlBase: 'https://acme.ehr.junction.com', ...setup })
  const Wrapper = endpoint.wrapper
  const ref = createRef<DashboardEmbedHandle>()
  const all = { ...embedProps, ...props } as DashboardEmbedProps
  const view = render(
    <Wrapper>
      <DashboardEmbed ref={ref} {...all} />
    </Wrapper>,
  )
  const root = () => view.container.querySelector('[data-embedded-portals="dashboard"]') as HTMLElement
  const frame = () => view.container.querySelector('iframe')
  return { ...endpoint, ...view, ref, root, frame }
}

/** Fires the frame's `load`, as the browser does when its document has loaded. */
function load(frame: HTMLIFrameElement | null) {
  if (!frame) throw new Error('no frame')
  fireEvent.load(frame)
}

describe('DashboardEmbed: feature_embed', () => {
  it('frames a fresh signed URL with Junction’s defaults, behind a placeholder until it loads', async () => {
    const onLoad = vi.fn()
    const { endpoint, root, frame } = renderEmbed({ onLoad })
    expect(root()).toHaveAttribute('data-state', 'loading')
    expect(screen.getByRole('status')).toHaveTextContent('Loading the dashboard…')
    await settle()
    expect(endpoint.requests.map((r) => r.target)).toEqual([
      {
        kind: 'junction.dashboard',
        feature: 'order_creation',
        modality: 'feature_embed',
        environment: 'sandbox',
        integration_member_id: 'patient-42',
      },
    ])
    const iframe = frame()
    expect(iframe).toHaveAttribute('src', endpoint.issuedUrls[0])
    expect(iframe).toHaveAttribute('title', 'Junction Dashboard: Order creation')
    expect(iframe).toHaveAttribute('referrerpolicy', 'strict-origin')
    expect(iframe).toHaveAttribute('allow', 'clipboard-write')
    expect(iframe?.getAttribute('sandbox')?.split(' ').sort()).toEqual([
      'allow-downloads',
      'allow-forms',
      'allow-modals',
      'allow-popups',
      'allow-popups-to-escape-sandbox',
      'allow-same-origin',
      'allow-scripts',
    ])
    expect(root()).toHaveStyle({ height: '800px', width: '100%' })
    expect(onLoad).not.toHaveBeenCalled()
    load(iframe)
    await settle()
    expect(root()).toHaveAttribute('data-state', 'ready')
    expect(screen.queryByRole('status')).toBeNull()
    expect(onLoad).toHaveBeenCalledTimes(1)
  })

  it('lets title, sandbox, allow, referrer policy, height, class, style and placeholder be overridden', async () => {
    const { frame, root } = renderEmbed({
      title: 'Orders',
      sandbox: 'allow-scripts',
      allow: '',
      referrerPolicy: 'no-referrer',
      height: '60vh',
      className: 'embed',
      style: { maxWidth: 900 },
      placeholder: <p>Wait</p>,
    })
    expect(screen.getByText('Wait')).toBeInTheDocument()
    await settle()
    expect(frame()).toHaveAttribute('title', 'Orders')
    expect(frame()).toHaveAttribute('sandbox', 'allow-scripts')
    expect(frame()).toHaveAttribute('referrerpolicy', 'no-referrer')
    expect(root()).toHaveClass('embed')
    expect(root()).toHaveStyle({ height: '60vh', maxWidth: '900px' })
  })

  it('shows the server’s refusal of its props in plain words, the fields for the developer', async () => {
    const onError = vi.fn()
    const fields = [{ path: 'target.integration_member_id', message: 'cannot be given together with member_id' }]
    const both = { memberId: ids.user_id, integrationMemberId: 'patient-42', onError } as unknown as DashboardEmbedProps
    const { endpoint, root, frame } = renderEmbed(both, { signedUrl: 'validation_error', fields })
    await settle()
    expect(endpoint.requests[0]?.target).toMatchObject({ member_id: ids.user_id, integration_member_id: 'patient-42' })
    expect(frame()).toBeNull()
    expect(root()).toHaveAttribute('data-state', 'error')
    expect(screen.getByRole('alert')).toHaveTextContent('some of its fields are invalid')
    expect(screen.getByRole('alert')).not.toHaveTextContent('integration_member_id')
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'validation_error', fields })
  })

  it('gives up after loadTimeoutMs, exactly, explains why, and retries with a fresh URL', async () => {
    const onError = vi.fn()
    const { endpoint, root, frame } = renderEmbed({ onError, loadTimeoutMs: 5_000 })
    await settle()
    const firstUrl = endpoint.issuedUrls[0]
    await advance(4_999)
    expect(root()).toHaveAttribute('data-state', 'loading')
    await advance(1)
    expect(root()).toHaveAttribute('data-state', 'error')
    expect(frame()).toBeNull()
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('The dashboard did not load.')
    expect(alert).toHaveTextContent('allowed origins')
    expect(alert).toHaveTextContent('frame-src')
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'timeout' })
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await settle()
    expect(endpoint.requests).toHaveLength(2)
    expect(frame()).toHaveAttribute('src', endpoint.issuedUrls[1])
    expect(endpoint.issuedUrls[1]).not.toBe(firstUrl)
    expect(root()).toHaveAttribute('data-state', 'loading')
  })

  it('times out after 20 s by default', async () => {
    const { root } = renderEmbed()
    await settle()
    await advance(19_999)
    expect(root()).toHaveAttribute('data-state', 'loading')
    await advance(1)
    expect(root()).toHaveAttribute('data-state', 'error')
  })

  it('never frames a URL with less than minRemainingMs left: error, then a retry frames a fresh one', async () => {
    const onError = vi.fn()
    const { endpoint, root, frame } = renderEmbed({ onError }, { expiresIn: 5 })
    await settle()
    expect(frame()).toBeNull()
    expect(root()).toHaveAttribute('data-state', 'error')
    expect(screen.getByRole('alert')).toHaveTextContent('something unexpected')
    expect(onError.mock.calls[0]?.[0].detail).toContain('expires too soon')
    endpoint.use('fresh', { expiresIn: 300 })
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await settle()
    expect(frame()).toHaveAttribute('src', endpoint.issuedUrls.at(-1))
  })

  it('shows the endpoint’s error with a retry when no URL can be had', async () => {
    const { endpoint, root, frame } = renderEmbed({}, { signedUrl: ['forbidden', 'fresh'] })
    await settle()
    expect(root()).toHaveAttribute('data-state', 'error')
    expect(screen.getByRole('alert')).toHaveTextContent('The dashboard could not be opened.')
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await settle()
    expect(frame()).toHaveAttribute('src', endpoint.issuedUrls[0])
  })

  it('never changes a loaded frame’s src on a background refresh; reload() uses a fresh URL', async () => {
    const { endpoint, frame, ref, queryClient } = renderEmbed()
    await settle()
    const iframe = frame()
    load(iframe)
    // Hours pass: the embed observes nothing once framed, so no refresh is even asked for.
    await advance(2 * 60 * 60 * 1000)
    expect(endpoint.requests).toHaveLength(1)
    // Another part of the app refreshes every signed URL: the frame stays as it is.
    await act(() => queryClient.refetchQueries())
    await settle()
    expect(frame()).toBe(iframe)
    expect(frame()).toHaveAttribute('src', endpoint.issuedUrls[0])
    act(() => ref.current?.reload())
    await settle()
    expect(frame()).not.toBe(iframe)
    expect(frame()).toHaveAttribute('src', endpoint.issuedUrls.at(-1))
    expect(endpoint.issuedUrls.at(-1)).not.toBe(endpoint.issuedUrls[0])
  })

  it('with lazy, fetches and loads only when it comes near the viewport', async () => {
    let report: ((entries: { isIntersecting: boolean }[]) => void) | undefined
    const observe = vi.fn()
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(callback: (entries: { isIntersecting: boolean }[]) => void, options?: IntersectionObserverInit) {
          report = callback
          expect(options?.rootMargin).toBe('200px')
        }
        observe = observe
        disconnect() {}
      },
    )
    const { endpoint, root, frame } = renderEmbed({ lazy: true })
    await settle()
    expect(root()).toHaveAttribute('data-state', 'idle')
    expect(endpoint.requests).toHaveLength(0)
    expect(observe).toHaveBeenCalledWith(root())
    act(() => report?.([{ isIntersecting: true }]))
    await settle()
    expect(frame()).toHaveAttribute('src', endpoint.issuedUrls[0])
  })
})

describe('DashboardEmbed: messages', () => {
  async function loaded(props: Partial<DashboardEmbedProps> = {}) {
    const rendered = renderEmbed(props)
    await settle()
    load(rendered.frame())
    await settle()
    return rendered
  }
  const post = (data: unknown, origin: string, source: MessageEventSource | null) =>
    act(() => {
      window.dispatchEvent(new MessageEvent('message', { data, origin, source }))
    })

  it('calls onOrderCreated, onOrderCreationCancelled and onMessage for the frame’s own messages', async () => {
    const onOrderCreated = vi.fn()
    const onOrderCreationCancelled = vi.fn()
    const onMessage = vi.fn()
    const { frame } = await loaded({ onOrderCreated, onOrderCreationCancelled, onMessage })
    const source = frame()?.contentWindow ?? null
    const created = { type: 'urn:junction:order:created', data: ids }
    post(created, 'https://acme.ehr.junction.com', source)
    expect(onOrderCreated).toHaveBeenCalledWith({ orderId: ids.order_id, userId: ids.user_id, teamId: ids.team_id })
    const cancelled = { type: 'urn:junction:order:creation_cancelled', data: { user_id: null, team_id: ids.team_id } }
    post(cancelled, 'https://acme.ehr.junction.com', source)
    expect(onOrderCreationCancelled).toHaveBeenCalledWith({ userId: null, teamId: ids.team_id })
    expect(onMessage.mock.calls.map(([message]) => message)).toEqual([created, cancelled])
  })

  it('ignores other origins, other windows and malformed messages', async () => {
    const onOrderCreated = vi.fn()
    const onMessage = vi.fn()
    const { frame } = await loaded({ onOrderCreated, onMessage })
    const created = { type: 'urn:junction:order:created', data: ids }
    post(created, 'https://evil.example', frame()?.contentWindow ?? null)
    post(created, 'https://acme.ehr.junction.com', window)
    post('urn:junction:order:created', 'https://acme.ehr.junction.com', frame()?.contentWindow ?? null)
    post(
      { type: 'urn:junction:order:created', data: { order_id: 1 } },
      'https://acme.ehr.junction.com',
      frame()?.contentWindow ?? null,
    )
    expect(onOrderCreated).not.toHaveBeenCalled()
    expect(onMessage).not.toHaveBeenCalled()
  })
})

describe('DashboardEmbed: link_out and Fast Launch', () => {
  it('link_out is a popup-safe launch button for a signed link_out URL', async () => {
    const { open, tabs } = stubWindowOpen()
    const { endpoint } = renderEmbed({ modality: 'link_out' })
    expect(screen.getByRole('button', { name: 'Open dashboard' })).toHaveAttribute('data-state', 'idle')
    fireEvent.pointerEnter(screen.getByRole('button', { name: 'Open dashboard' }))
    // The first link_out loads the launch button's module (from disk here, in real time).
    await vi.waitFor(() => expect(endpoint.requests).toHaveLength(1), { timeout: 10_000 })
    await settle()
    expect(endpoint.requests[0]?.target).toMatchObject({ kind: 'junction.dashboard', modality: 'link_out' })
    const button = screen.getByRole('button', { name: 'Open dashboard' })
    expect(button).toHaveAttribute('data-state', 'ready')
    fireEvent.click(button)
    expect(open).toHaveBeenCalledWith(endpoint.issuedUrls[0], '_blank')
    expect(tabs[0]?.opener).toBeNull()
  })

  it('fast-launch frames Junction’s Fast Launch URL without calling the endpoint, and listens to that origin', async () => {
    const onOrderCreated = vi.fn()
    const { endpoint, frame } = renderEmbed({ strategy: 'fast-launch', slug: 'acme', onOrderCreated })
    await settle()
    expect(endpoint.requests).toHaveLength(0)
    const src = new URL(frame()?.getAttribute('src') ?? '')
    expect(src.origin + src.pathname).toBe('https://acme.ehr.junction.com/auth/launch')
    expect(src.searchParams.get('integration_member_id')).toBe('patient-42')
    expect(src.searchParams.get('modality')).toBe('feature_embed')
    load(frame())
    await settle()
    act(() => {
      window.dispatchEvent(
        new MessageEvent('message', {
          data: { type: 'urn:junction:order:created', data: ids },
          origin: 'https://acme.ehr.junction.com',
          source: frame()?.contentWindow ?? null,
        }),
      )
    })
    expect(onOrderCreated).toHaveBeenCalledTimes(1)
  })

  it('fast-launch link_out is a plain new-tab link, and a bad slug is refused', async () => {
    const first = renderEmbed({ strategy: 'fast-launch', slug: 'acme', modality: 'link_out' })
    const link = screen.getByRole('link', { name: 'Open dashboard' })
    expect(link).toHaveAttribute('target', '_blank')
    expect(link).toHaveAttribute('rel', 'noopener noreferrer')
    expect(link.getAttribute('href')).toMatch(/^https:\/\/acme\.ehr\.junction\.com\/auth\/launch\?/)
    first.unmount()
    const onError = vi.fn()
    renderEmbed({ strategy: 'fast-launch', slug: 'acme.evil.com', onError })
    await settle()
    expect(screen.getByRole('alert')).toHaveTextContent('some of its fields are invalid')
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'validation_error' })
    expect(onError.mock.calls[0]?.[0].detail).toContain('<DashboardEmbed slug> "acme.evil.com" is not valid')
  })

  it('reports invalid props once across re-renders with equal new props, and again once they change', async () => {
    const onError = vi.fn()
    const props = (slug: string): DashboardEmbedProps => ({ ...embedProps, strategy: 'fast-launch', slug, onError })
    const { wrapper: Wrapper } = setupEndpoint()
    const view = render(
      <Wrapper>
        <DashboardEmbed {...props('acme.evil.com')} />
      </Wrapper>,
    )
    await settle()
    for (let i = 0; i < 3; i++) {
      view.rerender(
        <Wrapper>
          <DashboardEmbed {...props('acme.evil.com')} />
        </Wrapper>,
      )
      await settle()
    }
    expect(onError).toHaveBeenCalledTimes(1)
    view.rerender(
      <Wrapper>
        <DashboardEmbed {...props('-acme')} />
      </Wrapper>,
    )
    await settle()
    expect(onError).toHaveBeenCalledTimes(2)
    expect(onError.mock.calls[1]?.[0].detail).toContain('"-acme" is not valid')
  })

  it('refuses a Fast Launch origin the provider’s URL rules refuse', async () => {
    const onError = vi.fn()
    renderEmbed({ strategy: 'fast-launch', slug: 'acme', fastLaunchOrigin: 'http://evil.example', onError })
    await settle()
    expect(screen.getByRole('alert')).toHaveTextContent('its address is not allowed')
    expect(onError.mock.calls[0]?.[0].detail).toContain('http://evil.example is plain http')
  })
})
