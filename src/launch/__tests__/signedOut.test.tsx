import { act, fireEvent, render, screen } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { stubWindowOpen } from '../../../test/support/fake-tab.js'
import { advance, settle, setupEndpoint, setVisibility, useFakeClock } from '../../../test/support/signed-url.js'
import type { EmbedError } from '../../core/errors.js'
import { PortalLaunchButton, type PortalLaunchButtonProps } from '../PortalLaunchButton.js'

beforeEach(() => {
  useFakeClock()
})

function renderSignedOut(props: PortalLaunchButtonProps = {}) {
  const endpoint = setupEndpoint({ signedUrl: 'unauthorized' })
  const Wrapper = endpoint.wrapper
  const onError = vi.fn<(error: EmbedError) => void>()
  const onLaunch = vi.fn()
  render(
    <Wrapper>
      <PortalLaunchButton onError={onError} onLaunch={onLaunch} {...props} />
    </Wrapper>,
  )
  const button = () => screen.getByRole('button', { name: 'Open portal' })
  return { ...endpoint, onError, onLaunch, button }
}

/** A mouse click as the browser delivers it: the pointer arrives, the press focuses, then the click. */
function pointAndClick(button: HTMLElement) {
  fireEvent.pointerEnter(button)
  fireEvent.pointerDown(button)
  fireEvent.focus(button)
  fireEvent.click(button)
}

/** Everything that makes react-query and the provider refetch a stale query. */
function comeBack() {
  setVisibility('hidden')
  setVisibility('visible')
  act(() => {
    window.dispatchEvent(new Event('focus'))
    window.dispatchEvent(new Event('offline'))
    window.dispatchEvent(new Event('online'))
  })
}

describe('PortalLaunchButton, signed out: one request per action', () => {
  it('costs two requests for a hover and a click, and opens no placeholder tab', async () => {
    const { open } = stubWindowOpen()
    const { endpoint, button, onError, onLaunch } = renderSignedOut()
    fireEvent.pointerEnter(button())
    await settle()
    expect(endpoint.requests).toHaveLength(1)
    expect(button()).toHaveAttribute('data-state', 'error')
    pointAndClick(button())
    await settle()
    expect(endpoint.requests).toHaveLength(2)
    expect(open).not.toHaveBeenCalled()
    expect(button()).toHaveAttribute('data-state', 'error')
    expect(screen.getByRole('alert')).toHaveTextContent('You are signed out. Sign in again, then retry.')
    // One error per action, each the 401 it got.
    expect(onError.mock.calls.map(([error]) => error.code)).toEqual(['unauthorized', 'unauthorized'])
    expect(onLaunch).not.toHaveBeenCalled()
  })

  it('asks nothing more when the user comes back to the window, the tab or the network', async () => {
    const { endpoint, button } = renderSignedOut()
    fireEvent.focus(button())
    await settle()
    expect(endpoint.requests).toHaveLength(1)
    comeBack()
    await settle()
    await advance(30 * 60_000)
    comeBack()
    await settle()
    expect(endpoint.requests).toHaveLength(1)
  })

  it('asks once more for a click while the answer to the last one is awaited, however often it is clicked', async () => {
    const { open } = stubWindowOpen()
    const { endpoint, button } = renderSignedOut()
    fireEvent.focus(button())
    await settle()
    fireEvent.click(button())
    fireEvent.click(button())
    fireEvent.focus(button())
    await settle()
    expect(endpoint.requests).toHaveLength(2)
    expect(open).not.toHaveBeenCalled()
  })

  it('after a launch that ended in a 401, the next click asks once without a tab', async () => {
    const { open, tabs } = stubWindowOpen()
    const { endpoint, button } = renderSignedOut({ prefetch: 'none' })
    // Nothing known yet: the first click opens the placeholder, which closes on the 401.
    fireEvent.click(button())
    await settle()
    expect(open).toHaveBeenCalledTimes(1)
    expect(tabs[0]?.close).toHaveBeenCalled()
    comeBack()
    await settle()
    expect(endpoint.requests).toHaveLength(1)
    fireEvent.click(button())
    await settle()
    expect(endpoint.requests).toHaveLength(2)
    expect(open).toHaveBeenCalledTimes(1)
  })

  it('opens the portal on the click after a check that finds the user signed in again', async () => {
    const { open } = stubWindowOpen()
    const { endpoint, button } = renderSignedOut()
    fireEvent.focus(button())
    await settle()
    endpoint.use('fresh')
    fireEvent.click(button())
    await settle()
    expect(open).not.toHaveBeenCalled()
    expect(button()).toHaveAttribute('data-state', 'ready')
    fireEvent.click(button())
    expect(open).toHaveBeenCalledWith(endpoint.issuedUrls[0], '_blank')
  })

  it('"Try again" asks once', async () => {
    const { endpoint, button } = renderSignedOut()
    fireEvent.focus(button())
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await settle()
    expect(endpoint.requests).toHaveLength(2)
  })
})
