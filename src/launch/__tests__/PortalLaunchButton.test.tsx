import { act, fireEvent, render, screen } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { stubWindowOpen } from '../../../test/support/fake-tab.js'
import type { SetupOptions } from '../../../test/support/signed-url.js'
import { settle, setupEndpoint, useFakeClock } from '../../../test/support/signed-url.js'
import { navigateSameTab } from '../../core/tab.js'
import { SAMPLE_DEMOGRAPHICS } from '../../testing/simulator/seed.js'
import { PortalLaunchButton, type PortalLaunchButtonProps } from '../PortalLaunchButton.js'

// Leaving the page is the one thing jsdom cannot do; the rest of the tab logic runs for real.
vi.mock('../../core/tab.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../core/tab.js')>()),
  navigateSameTab: vi.fn(),
}))

beforeEach(() => {
  useFakeClock()
})

function renderButton(props: PortalLaunchButtonProps = {}, setup: SetupOptions = {}) {
  const endpoint = setupEndpoint(setup)
  const Wrapper = endpoint.wrapper
  const view = render(
    <Wrapper>
      <PortalLaunchButton {...props} />
    </Wrapper>,
  )
  const button = () => screen.getByRole('button', { name: /portal/i })
  return { ...endpoint, ...view, button }
}

describe('PortalLaunchButton: prefetch', () => {
  it('fetches nothing on render, then once on pointer enter or focus (intent)', async () => {
    const { endpoint, button } = renderButton()
    await settle()
    expect(endpoint.requests).toHaveLength(0)
    expect(button()).toHaveAttribute('data-state', 'idle')
    fireEvent.pointerEnter(button())
    fireEvent.focus(button())
    await settle()
    expect(endpoint.requests).toHaveLength(1)
    expect(button()).toHaveAttribute('data-state', 'ready')
  })

  it('fetches at mount with prefetch="render", and not before the click with prefetch="none"', async () => {
    const eager = renderButton({ prefetch: 'render' })
    await settle()
    expect(eager.endpoint.requests).toHaveLength(1)
    eager.unmount()
    const lazy = renderButton({ prefetch: 'none' })
    fireEvent.pointerEnter(lazy.button())
    await settle()
    expect(lazy.endpoint.requests).toHaveLength(0)
  })

  it('keeps the same, focused element when the first intent brings the live region', async () => {
    const { button, container } = renderButton()
    const before = button()
    expect(container.querySelector('[role="status"]')).toBeNull()
    act(() => before.focus())
    await settle()
    expect(container.querySelector('[role="status"]')).not.toBeNull()
    expect(button()).toBe(before)
    expect(before).toHaveFocus()
  })

  it('is busy while the URL loads, without being disabled', async () => {
    const { button } = renderButton({}, { signedUrl: 'slow', delayMs: 1_000 })
    fireEvent.pointerEnter(button())
    await settle()
    expect(button()).toHaveAttribute('data-state', 'loading')
    expect(button()).toHaveAttribute('aria-busy', 'true')
    expect(button()).toBeEnabled()
  })
})

describe('PortalLaunchButton: opening', () => {
  it('opens a prefetched URL inside the click, cuts the opener, and never opens it twice', async () => {
    const { open, tabs } = stubWindowOpen()
    const onLaunch = vi.fn()
    const { endpoint, button } = renderButton({ onLaunch })
    fireEvent.pointerEnter(button())
    await settle()
    fireEvent.click(button())
    expect(open).toHaveBeenCalledWith(endpoint.issuedUrls[0], '_blank')
    expect(tabs[0]?.opener).toBeNull()
    expect(onLaunch).toHaveBeenCalledWith({ action: 'open', via: 'direct', requestId: expect.any(String) })
    await settle()
    // The URL is spent: the next click opens a placeholder and waits for a new one.
    fireEvent.click(button())
    expect(open).toHaveBeenLastCalledWith('', '_blank')
    await settle()
    expect(tabs[1]?.location.replace).toHaveBeenCalledWith(endpoint.issuedUrls[1])
    expect(endpoint.issuedUrls[1]).not.toBe(endpoint.issuedUrls[0])
  })

  it('without a URL, opens a placeholder tab at once that says "Opening…", then sends it to the URL', async () => {
    const { open, tabs } = stubWindowOpen()
    const { endpoint, button } = renderButton({ prefetch: 'none' }, { signedUrl: 'slow', delayMs: 6_000 })
    fireEvent.click(button())
    expect(open).toHaveBeenCalledWith('', '_blank')
    const placeholder = tabs[0]
    expect(placeholder?.opener).toBeNull()
    expect(placeholder?.document.title).toBe('Opening…')
    expect(placeholder?.document.querySelector('[role="status"]')?.textContent).toBe('Opening…')
    await settle()
    expect(button()).toHaveAttribute('data-state', 'opening')
    await act(async () => {
      await vi.advanceTimersByTimeAsync(6_000)
    })
    await settle()
    expect(placeholder?.location.replace).toHaveBeenCalledWith(endpoint.issuedUrls[0])
    expect(button()).not.toHaveAttribute('data-state', 'opening')
  })

  it('closes the placeholder and shows the error inline, with a retry, when the URL cannot be had', async () => {
    const { tabs } = stubWindowOpen()
    const onError = vi.fn()
    const { button } = renderButton({ prefetch: 'none', onError }, { signedUrl: 'forbidden' })
    fireEvent.click(button())
    await settle()
    expect(tabs[0]?.close).toHaveBeenCalled()
    expect(button()).toHaveAttribute('data-state', 'error')
    expect(screen.getByRole('alert')).toHaveTextContent('You do not have permission to do this.')
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'forbidden' })
    expect(onError.mock.calls[0]?.[0].detail).toMatch(
      /^POST http:\/\/localhost(:\d+)?\/api\/portals\/signed-url answered 403/,
    )
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })

  it('falls back to a link when the browser blocks the tab, and tells onError once', async () => {
    const popups = { blocked: true }
    const { open, tabs } = stubWindowOpen(popups)
    const onLaunch = vi.fn()
    const onError = vi.fn()
    const { endpoint, button } = renderButton({ onLaunch, onError })
    fireEvent.pointerEnter(button())
    await settle()
    fireEvent.click(button())
    await settle()
    expect(button()).toHaveAttribute('data-state', 'blocked')
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'popup_blocked' })
    const link = screen.getByRole('link', { name: 'Open portal' })
    expect(link).toHaveAttribute('href', endpoint.issuedUrls[0])
    expect(link).toHaveAttribute('rel', 'noopener noreferrer')
    expect(link).toHaveAttribute('target', '_blank')
    // The link opens its tab itself, in its click, and checks that it opened.
    popups.blocked = false
    expect(fireEvent.click(link)).toBe(false)
    expect(open).toHaveBeenCalledTimes(2)
    expect(open).toHaveBeenLastCalledWith(endpoint.issuedUrls[0], '_blank')
    expect(tabs[0]?.opener).toBeNull()
    expect(onLaunch).toHaveBeenCalledTimes(1)
    expect(onLaunch).toHaveBeenCalledWith({ action: 'open', via: 'link', requestId: expect.any(String) })
    expect(screen.queryByRole('link', { name: 'Open portal' })).toBeNull()
    expect(onError).toHaveBeenCalledTimes(1)
  })

  it('offers the link for copying by hand when even the link opens no tab, without onLaunch', async () => {
    // A frame sandboxed without allow-popups and without clipboard-write, as an EHR may set it.
    vi.spyOn(window, 'top', 'get').mockReturnValue({} as Window)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { open } = stubWindowOpen({ blocked: true })
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) },
    })
    const onLaunch = vi.fn()
    const onError = vi.fn()
    const { endpoint, button } = renderButton({ onLaunch, onError, prefetch: 'render' })
    await settle()
    fireEvent.click(button())
    await settle()
    fireEvent.click(screen.getByRole('link', { name: 'Open portal' }))
    await settle()
    expect(open).toHaveBeenCalledTimes(2)
    const field = screen.getByLabelText(
      'Your browser cannot open the portal from this page. Copy its link into a new tab:',
    )
    expect(field).toHaveValue(endpoint.issuedUrls[0])
    expect(field).toHaveFocus()
    expect(screen.queryByRole('link', { name: 'Open portal' })).toBeNull()
    expect(onLaunch).not.toHaveBeenCalled()
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'popup_blocked' })
    expect(onError.mock.calls[0]?.[0].detail).toContain('allow-popups allow-popups-to-escape-sandbox')
    expect(endpoint.requests).toHaveLength(1)
    // The developer hears why, in the console, without the link.
    const said = warn.mock.calls.map(([text]) => String(text))
    expect(said).toEqual(
      expect.arrayContaining([
        expect.stringContaining('allow-popups allow-popups-to-escape-sandbox'),
        expect.stringContaining('needs allow="clipboard-write"'),
      ]),
    )
    for (const text of said) expect(text).not.toContain(endpoint.issuedUrls[0])
  })

  it('copies the link when even the link opens no tab and the clipboard takes it, and says so', async () => {
    stubWindowOpen({ blocked: true })
    const writeText = vi.fn(async () => {})
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const onLaunch = vi.fn()
    const { endpoint, button } = renderButton({ onLaunch, prefetch: 'render' })
    await settle()
    fireEvent.click(button())
    await settle()
    fireEvent.click(screen.getByRole('link', { name: 'Open portal' }))
    await settle()
    expect(writeText).toHaveBeenCalledWith(endpoint.issuedUrls[0])
    expect(screen.getByRole('status')).toHaveTextContent('Link copied')
    expect(screen.getByLabelText(/Copy its link into a new tab/)).toHaveValue(endpoint.issuedUrls[0])
    expect(onLaunch).toHaveBeenCalledTimes(1)
    expect(onLaunch).toHaveBeenCalledWith({ action: 'open', via: 'clipboard', requestId: expect.any(String) })
  })

  it('keeps a single-use UserHub URL to one use: the link opens it, and nothing asks for another', async () => {
    const popups = { blocked: true }
    const { open } = stubWindowOpen(popups)
    const { endpoint, button } = renderButton(
      { target: { kind: 'userhub.portal', portal_url: '/{accountId}' } },
      { signedUrl: 'redirect_url' },
    )
    fireEvent.click(button())
    await settle()
    expect(button()).toHaveAttribute('data-state', 'blocked')
    popups.blocked = false
    fireEvent.click(screen.getByRole('link', { name: 'Open portal' }))
    await settle()
    expect(open).toHaveBeenLastCalledWith(endpoint.issuedUrls[0], '_blank')
    expect(endpoint.requests).toHaveLength(1)
    expect(button()).toHaveAttribute('data-state', 'idle')
  })

  it('also falls back to a link when even the placeholder is blocked', async () => {
    stubWindowOpen({ blocked: true })
    const { endpoint, button } = renderButton({ prefetch: 'none' })
    fireEvent.click(button())
    await settle()
    expect(button()).toHaveAttribute('data-state', 'blocked')
    expect(screen.getByRole('link')).toHaveAttribute('href', endpoint.issuedUrls[0])
  })
})

describe('PortalLaunchButton: sharing links', () => {
  it('copies a communications link by default and announces it politely', async () => {
    const writeText = vi.fn(async () => {})
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const onLaunch = vi.fn()
    const { endpoint, button } = renderButton({ context: 'communications', onLaunch })
    expect(button()).toHaveTextContent('Copy portal link')
    fireEvent.focus(button())
    await settle()
    fireEvent.click(button())
    await settle()
    expect(endpoint.requests[0]?.target).toEqual({ kind: 'junction.user_portal', context: 'communications' })
    expect(writeText).toHaveBeenCalledWith(endpoint.issuedUrls[0])
    expect(screen.getByRole('status')).toHaveTextContent('Link copied')
    expect(onLaunch).toHaveBeenCalledWith({ action: 'copy', via: 'clipboard', requestId: expect.any(String) })
  })

  it('shows the link to copy by hand when the clipboard refuses', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) },
    })
    const { endpoint, button } = renderButton({ context: 'communications', prefetch: 'render' })
    await settle()
    fireEvent.click(button())
    await settle()
    expect(screen.getByLabelText('Copy this link')).toHaveValue(endpoint.issuedUrls[0])
  })
})

describe('PortalLaunchButton: targets, demographics and composition', () => {
  it('sends orderId and subject in the target', async () => {
    const { endpoint, button } = renderButton({ orderId: '0f8fad5b-d9cb-469f-a165-70867728950e', subject: 'patient-7' })
    fireEvent.focus(button())
    await settle()
    expect(endpoint.requests[0]?.target).toEqual({
      kind: 'junction.user_portal',
      context: 'launch',
      order_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
      subject: 'patient-7',
    })
  })

  it('mints UserHub single-use URLs at the click, never on intent', async () => {
    const { tabs } = stubWindowOpen()
    const { endpoint, button } = renderButton(
      { target: { kind: 'userhub.portal', portal_url: '/{accountId}' } },
      { signedUrl: 'redirect_url' },
    )
    fireEvent.pointerEnter(button())
    await settle()
    expect(endpoint.requests).toHaveLength(0)
    fireEvent.click(button())
    await settle()
    expect(endpoint.requests).toHaveLength(1)
    expect(tabs[0]?.location.replace).toHaveBeenCalledWith(endpoint.issuedUrls[0])
  })

  it('says demographics-required and reports the missing fields outside a DemographicsGate', async () => {
    const onError = vi.fn()
    const { button } = renderButton({ onError }, { signedUrl: 'demographics_required', missing: ['dob'] })
    fireEvent.focus(button())
    await settle()
    expect(button()).toHaveAttribute('data-state', 'demographics-required')
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'demographics_required', missing: ['dob'] })
    expect(screen.getByRole('alert')).toHaveTextContent('details must be completed')
  })

  it('opens no placeholder tab for a click already known to need details: it asks again, and opens once they are done', async () => {
    const { tabs, open } = stubWindowOpen()
    const { endpoint, button } = renderButton(
      {},
      { signedUrl: ['demographics_required', 'demographics_required', 'fresh'] },
    )
    fireEvent.focus(button())
    await settle()
    expect(button()).toHaveAttribute('data-state', 'demographics-required')
    fireEvent.click(button())
    await settle()
    expect(open).not.toHaveBeenCalled()
    expect(endpoint.requests).toHaveLength(2)
    expect(button()).toHaveAttribute('data-state', 'demographics-required')
    // Completed elsewhere meanwhile: the next check finds a URL, and the click after it opens the portal.
    endpoint.setDemographics(SAMPLE_DEMOGRAPHICS)
    fireEvent.click(button())
    await settle()
    expect(open).not.toHaveBeenCalled()
    expect(button()).toHaveAttribute('data-state', 'ready')
    fireEvent.click(button())
    expect(open).toHaveBeenCalledTimes(1)
    expect(open.mock.calls[0]?.[0]).toBe(endpoint.issuedUrls[0])
    expect(tabs[0]?.opener).toBeNull()
  })

  it('hands missing demographics to an enclosing DemographicsGate instead', async () => {
    const { DemographicsGateContext } = await import('../../shared/gateContext.js')
    const requireDemographics = vi.fn(() => true)
    const onError = vi.fn()
    const endpoint = setupEndpoint({ signedUrl: 'demographics_required', missing: ['dob'] })
    const Wrapper = endpoint.wrapper
    render(
      <Wrapper>
        <DemographicsGateContext.Provider value={{ requireDemographics }}>
          <PortalLaunchButton onError={onError} />
        </DemographicsGateContext.Provider>
      </Wrapper>,
    )
    fireEvent.focus(screen.getByRole('button'))
    await settle()
    expect(requireDemographics).toHaveBeenCalledWith(['dob'])
    expect(onError).not.toHaveBeenCalled()
  })

  it('renders the host’s own element with asChild, merging handlers, class names and refs', async () => {
    const { open } = stubWindowOpen()
    const hostClick = vi.fn()
    const ref = { current: null as HTMLButtonElement | null }
    const endpoint = setupEndpoint()
    const Wrapper = endpoint.wrapper
    render(
      <Wrapper>
        <PortalLaunchButton asChild ref={ref} className="from-props" prefetch="render">
          <button type="button" className="host-button" onClick={hostClick}>
            See my results
          </button>
        </PortalLaunchButton>
      </Wrapper>,
    )
    await settle()
    const button = screen.getByRole('button', { name: 'See my results' })
    expect(button).toHaveClass('host-button', 'from-props')
    expect(button).toHaveAttribute('data-state', 'ready')
    expect(ref.current).toBe(button)
    fireEvent.click(button)
    expect(hostClick).toHaveBeenCalled()
    expect(open).toHaveBeenCalledWith(endpoint.endpoint.issuedUrls[0], '_blank')
  })

  it('lets every text be overridden', async () => {
    const { tabs } = stubWindowOpen()
    renderButton(
      { prefetch: 'none', messages: { open: 'Ouvrir le portail', opening: 'Ouverture…' } },
      { signedUrl: 'slow', delayMs: 1_000 },
    )
    fireEvent.click(screen.getByRole('button', { name: 'Ouvrir le portail' }))
    await settle()
    expect(screen.getByRole('status')).toHaveTextContent('Ouverture…')
    expect(tabs[0]?.document.title).toBe('Ouverture…')
  })

  it('leaves for a UserHub portal in the same tab with openIn="same-tab"', async () => {
    const open = vi.spyOn(window, 'open')
    const onLaunch = vi.fn()
    const { endpoint, button } = renderButton(
      { target: { kind: 'userhub.portal' }, openIn: 'same-tab', onLaunch },
      { signedUrl: 'redirect_url' },
    )
    fireEvent.click(button())
    await settle()
    expect(navigateSameTab).toHaveBeenCalledWith(endpoint.issuedUrls[0])
    expect(open).not.toHaveBeenCalled()
    expect(onLaunch).toHaveBeenCalledWith({ action: 'open', via: 'same-tab', requestId: expect.any(String) })
  })
})
