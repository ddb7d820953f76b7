import { render, screen, waitFor } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { server } from '../../../test/support/msw-server.js'
import { PortalLaunchButton } from '../../launch/PortalLaunchButton.js'
import { EmbedProvider } from '../EmbedProvider.js'

describe('EmbedProvider in development', () => {
  it('prints each distinct detail once with console.warn, however many components fail the same way', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    server.use(http.post('*/not-mounted/signed-url', () => new HttpResponse('<h1>Not found</h1>', { status: 404 })))
    render(
      <EmbedProvider endpoint="/not-mounted">
        <PortalLaunchButton prefetch="render">One</PortalLaunchButton>
        <PortalLaunchButton prefetch="render" context="communications">
          Two
        </PortalLaunchButton>
      </EmbedProvider>,
    )
    await waitFor(() => expect(screen.getByRole('button', { name: 'Two' })).toHaveAttribute('data-state', 'error'))
    await waitFor(() => expect(screen.getByRole('button', { name: 'One' })).toHaveAttribute('data-state', 'error'))
    const ours = warn.mock.calls.map(([text]) => String(text)).filter((text) => text.startsWith('embedded-portals:'))
    expect(ours).toEqual([
      expect.stringMatching(
        /^embedded-portals: POST http:\/\/localhost(?::\d+)?\/not-mounted\/signed-url answered 404/,
      ),
    ])
    expect(ours[0]).toContain('is not the wire protocol')
  })
})
