import { act, fireEvent, render, renderHook, screen } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { stubWindowOpen } from '../../../test/support/fake-tab.js'
import { server } from '../../../test/support/msw-server.js'
import { portalTarget, settle, setupEndpoint, useFakeClock } from '../../../test/support/signed-url.js'
import type { Target } from '../../core/target.js'
import { DemographicsGateContext } from '../../shared/gateContext.js'
import { type UseLaunchOptions, useLaunch } from '../useLaunch.js'

beforeEach(() => {
  useFakeClock()
})

/** A host's own launcher, built on the hook alone. */
function HostLauncher({ target = portalTarget, ...options }: UseLaunchOptions & { target?: Target }) {
  const portal = useLaunch(target, options)
  return (
    <>
      <button
        type="button"
        data-status={portal.status}
        onPointerEnter={portal.intent}
        onFocus={portal.intent}
        onClick={portal.launch}
      >
        Results
      </button>
      {portal.status === 'blocked' ? (
        <a href={portal.blockedUrl} onClick={portal.followLink}>
          {portal.messages.blockedLink}
        </a>
      ) : null}
      {portal.status === 'error' ? (
        <p role="alert">
          {portal.error.message}{' '}
          <button type="button" onClick={portal.retry}>
            {portal.messages.retry}
          </button>
        </p>
      ) : null}
    </>
  )
}

function renderLauncher(props: UseLaunchOptions & { target?: Target } = {}, setup = {}) {
  const endpoint = setupEndpoint(setup)
  const Wrapper = endpoint.wrapper
  render(
    <Wrapper>
      <HostLauncher {...props} />
    </Wrapper>,
  )
  return { ...endpoint, launcher: () => screen.getByRole('button', { name: 'Results' }) }
}

describe('useLaunch', () => {
  it('is idle and fetches nothing until intent, then is ready with a URL that opens in the click', async () => {
    const { open, tabs } = stubWindowOpen()
    const onLaunch = vi.fn()
    const { endpoint, launcher } = renderLauncher({ onLaunch })
    await settle()
    expect(endpoint.requests).toHaveLength(0)
    expect(launcher()).toHaveAttribute('data-status', 'idle')
    fireEvent.pointerEnter(launcher())
    await settle()
    expect(endpoint.requests).toHaveLength(1)
    expect(launcher()).toHaveAttribute('data-status', 'ready')
    fireEvent.click(launcher())
    expect(open).toHaveBeenCalledWith(endpoint.issuedUrls[0], '_blank')
    expect(tabs[0]?.opener).toBeNull()
    expect(onLaunch).toHaveBeenCalledTimes(1)
    expect(onLaunch).toHaveBeenCalledWith({ action: 'open', via: 'direct', requestId: expect.any(String) })
  })

  it('is blocked with the URL to offer when the browser blocks the tab, and reports popup_blocked once', async () => {
    const popups = { blocked: true }
    const { open } = stubWindowOpen(popups)
    const onError = vi.fn()
    const onLaunch = vi.fn()
    const { endpoint, launcher } = renderLauncher({ onError, onLaunch, prefetch: 'render' })
    await settle()
    fireEvent.click(launcher())
    await settle()
    expect(launcher()).toHaveAttribute('data-status', 'blocked')
    const fallback = screen.getByRole('link', { name: 'Open portal' })
    expect(fallback).toHaveAttribute('href', endpoint.issuedUrls[0])
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'popup_blocked' })
    // The link's own click opens the tab, as a click with the user's activation may.
    popups.blocked = false
    fireEvent.click(fallback)
    expect(open).toHaveBeenLastCalledWith(endpoint.issuedUrls[0], '_blank')
    expect(onLaunch).toHaveBeenCalledWith({ action: 'open', via: 'link', requestId: expect.any(String) })
    // The URL was spent by the link: nothing is offered until the next intent fetches a new one.
    expect(launcher()).toHaveAttribute('data-status', 'idle')
    expect(screen.queryByRole('link', { name: 'Open portal' })).toBeNull()
  })

  it('is an error with the EmbedError when the URL cannot be had, and retry asks again', async () => {
    const onError = vi.fn()
    const { endpoint, launcher } = renderLauncher({ onError }, { signedUrl: 'forbidden' })
    fireEvent.focus(launcher())
    await settle()
    expect(launcher()).toHaveAttribute('data-status', 'error')
    expect(screen.getByRole('alert')).toHaveTextContent('You do not have permission to do this.')
    expect(onError).toHaveBeenCalledTimes(1)
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await settle()
    expect(endpoint.requests).toHaveLength(2)
    // The same error again is a new one, and the host hears of it.
    expect(onError).toHaveBeenCalledTimes(2)
  })

  it('hands demographics_required to an enclosing gate, and otherwise is demographics-required', async () => {
    const endpoint = setupEndpoint({ signedUrl: 'demographics_required' })
    const requireDemographics = vi.fn(() => true)
    const onError = vi.fn()
    const gated = renderHook(() => useLaunch(portalTarget, { prefetch: 'render', onError }), {
      wrapper: ({ children }) => (
        <endpoint.wrapper>
          <DemographicsGateContext.Provider value={{ requireDemographics }}>
            {children}
          </DemographicsGateContext.Provider>
        </endpoint.wrapper>
      ),
    })
    await settle()
    expect(requireDemographics).toHaveBeenCalledTimes(1)
    expect(onError).not.toHaveBeenCalled()
    expect(gated.result.current.status).toBe('error')
    gated.unmount()

    const alone = renderHook(() => useLaunch(portalTarget, { prefetch: 'render', onError }), {
      wrapper: endpoint.wrapper,
    })
    await settle()
    expect(alone.result.current.status).toBe('demographics-required')
    expect(alone.result.current.error?.code).toBe('demographics_required')
    expect(onError).toHaveBeenCalledTimes(1)
  })

  it('copies communications links by default, and never prefetches single-use UserHub URLs', async () => {
    const communications = renderHook(() => useLaunch({ kind: 'junction.user_portal', context: 'communications' }), {
      wrapper: setupEndpoint().wrapper,
    })
    expect(communications.result.current.action).toBe('copy')
    const { endpoint, wrapper } = setupEndpoint()
    const userhub = renderHook(() => useLaunch({ kind: 'userhub.portal' }, { prefetch: 'render' }), { wrapper })
    act(() => userhub.result.current.intent())
    await settle()
    expect(endpoint.requests).toHaveLength(0)
    expect(userhub.result.current.status).toBe('idle')
  })

  it('calls the latest onLaunch, not the one of the render that started the launch', async () => {
    stubWindowOpen()
    const first = vi.fn()
    const second = vi.fn()
    const { wrapper } = setupEndpoint({ signedUrl: 'slow', delayMs: 2_000 })
    const hook = renderHook(({ onLaunch }) => useLaunch(portalTarget, { onLaunch, prefetch: 'none' }), {
      wrapper,
      initialProps: { onLaunch: first },
    })
    act(() => hook.result.current.launch())
    expect(hook.result.current.status).toBe('opening')
    hook.rerender({ onLaunch: second })
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2_000)
    })
    await settle()
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledWith({ action: 'open', via: 'placeholder', requestId: expect.any(String) })
  })
})

describe('useLaunch: the request id of a launch', () => {
  it("reports the X-Request-Id of the answer that brought the URL, the server's audit event's requestId", async () => {
    stubWindowOpen()
    const onLaunch = vi.fn()
    const { launcher } = renderLauncher({ onLaunch, prefetch: 'render' })
    const answered: string[] = []
    server.events.on('response:mocked', ({ response }) => {
      answered.push(response.headers.get('x-request-id') ?? '')
    })
    await settle()
    fireEvent.click(launcher())
    server.events.removeAllListeners('response:mocked')
    expect(answered).toHaveLength(1)
    expect(onLaunch).toHaveBeenCalledWith({ action: 'open', via: 'direct', requestId: answered[0] })
  })
})
