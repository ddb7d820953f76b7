// @vitest-environment node
import { QueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import { server } from '../../test/support/msw-server.js'
import { PortalUsersManager } from '../admin/PortalUsersManager.js'
import { DashboardEmbed } from '../dashboard/DashboardEmbed.js'
import { DemographicsGate } from '../demographics/DemographicsGate.js'
import { PortalLaunchButton } from '../launch/PortalLaunchButton.js'
import { EmbedProvider } from '../provider/EmbedProvider.js'

// Server rendering (issue 8): every component renders to a string in plain Node, where there is no
// `window` or `document`, reads neither while rendering, and makes no request: URLs are only ever
// fetched after hydration, in the browser.

/** Browser globals that server rendering must not read (not even to test whether they exist). */
const BROWSER_GLOBALS = ['window', 'document', 'navigator', 'IntersectionObserver'] as const

/**
 * Records every read of `BROWSER_GLOBALS` while `run` runs: each is replaced by a getter that notes the
 * read and returns what was there (`undefined` in Node), so `typeof window` stays `'undefined'`.
 */
function readsOfBrowserGlobals(run: () => void): string[] {
  const reads: string[] = []
  const saved = BROWSER_GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const)
  for (const [name, descriptor] of saved) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        reads.push(name)
        return descriptor?.get ? descriptor.get.call(globalThis) : descriptor?.value
      },
    })
  }
  try {
    run()
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor)
      else delete (globalThis as Record<string, unknown>)[name]
    }
  }
  return reads
}

let fetchSpy: MockInstance<typeof fetch>
let requests: string[]
const clients: QueryClient[] = []

function onRequest({ request }: { request: Request }) {
  requests.push(`${request.method} ${request.url}`)
}

beforeEach(() => {
  fetchSpy = vi.spyOn(globalThis, 'fetch')
  requests = []
  // Any request that reaches the network layer at all (fetch, XMLHttpRequest, http), whatever its URL.
  server.events.on('request:start', onRequest)
})

afterEach(() => {
  server.events.removeListener('request:start', onRequest)
  for (const client of clients.splice(0)) client.clear()
})

/** Renders `node` on the server inside the provider, and checks what every server render must satisfy. */
async function renderOnServer(node: ReactNode): Promise<string> {
  expect(typeof window).toBe('undefined')
  expect(typeof document).toBe('undefined')
  const queryClient = new QueryClient()
  clients.push(queryClient)
  let html = ''
  const reads = readsOfBrowserGlobals(() => {
    html = renderToString(
      <EmbedProvider endpoint="/api/portals" queryClient={queryClient}>
        {node}
      </EmbedProvider>,
    )
  })
  expect(reads).toEqual([])
  // Anything a render might have scheduled gets its chance to run before we look for requests.
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(fetchSpy).not.toHaveBeenCalled()
  expect(requests).toEqual([])
  expect(queryClient.isFetching()).toBe(0)
  expect(queryClient.isMutating()).toBe(0)
  // Nothing signed is ever in server markup: no token, no vendor URL, no frame.
  expect(html).not.toMatch(/token=/)
  expect(html).not.toMatch(/<iframe/)
  expect(html).not.toMatch(/\ssrc=/)
  return html
}

/** The `data-state` of the first element that has one. */
function stateOf(html: string): string | undefined {
  return /data-state="([^"]*)"/.exec(html)?.[1]
}

describe('server rendering in Node', () => {
  it('runs in an environment without window or document', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
  })

  it('notices a render that reads window (the guard works)', () => {
    function ReadsWindow() {
      return <span>{typeof window}</span>
    }
    expect(readsOfBrowserGlobals(() => renderToString(<ReadsWindow />))).toEqual(['window'])
    expect(typeof window).toBe('undefined')
  })

  describe('PortalLaunchButton', () => {
    it('default: an idle "Open portal" button, nothing fetched', async () => {
      const html = await renderOnServer(<PortalLaunchButton />)
      expect(html).toBe('<button data-state="idle" type="button">Open portal</button>')
    })

    it('communications: an idle "Copy portal link" button', async () => {
      const html = await renderOnServer(<PortalLaunchButton context="communications" subject="patient-42" />)
      expect(html).toMatch(/^<button [^>]*>Copy portal link<\/button>$/)
      expect(stateOf(html)).toBe('idle')
      expect(html).not.toMatch(/patient-42/)
    })

    it('a UserHub target: an idle button, nothing minted', async () => {
      const html = await renderOnServer(
        <PortalLaunchButton target={{ kind: 'userhub.portal', portal_url: '/acct_1/plans' }}>
          Billing
        </PortalLaunchButton>,
      )
      expect(html).toMatch(/^<button [^>]*type="button"[^>]*>Billing<\/button>$/)
      expect(stateOf(html)).toBe('idle')
      expect(html).not.toMatch(/acct_1/)
    })

    it('asChild: the host’s element with data-state merged in, and its own props kept', async () => {
      const html = await renderOnServer(
        <PortalLaunchButton asChild>
          <button type="button" className="host-button" aria-label="Open the patient portal">
            Patient portal
          </button>
        </PortalLaunchButton>,
      )
      expect(html).toMatch(/^<button [^>]*>Patient portal<\/button>$/)
      expect(html).toMatch(/class="host-button"/)
      expect(html).toMatch(/aria-label="Open the patient portal"/)
      expect(stateOf(html)).toBe('idle')
    })

    it('prefetch="render": loading on the server, as in the browser’s first render (nothing is fetched here)', async () => {
      const html = await renderOnServer(<PortalLaunchButton prefetch="render" />)
      expect(html).toMatch(/^<button data-state="loading" aria-busy="true" type="button">Open portal<\/button>/)
      expect(html).toMatch(/<span role="status" aria-live="polite"[^>]*><\/span>$/)
    })
  })

  describe('DashboardEmbed', () => {
    const base = { feature: 'order_creation', environment: 'sandbox', integrationMemberId: 'patient-42' } as const

    it('feature_embed: a loading placeholder, busy, and no frame before a URL exists', async () => {
      const html = await renderOnServer(<DashboardEmbed {...base} modality="feature_embed" />)
      expect(html).toMatch(/^<div data-embedded-portals="dashboard" data-state="loading" aria-busy="true"/)
      expect(html).toMatch(/height:800px/)
      expect(html).toMatch(/<span role="status">Loading the dashboard…<\/span>/)
    })

    it('lazy: idle (not even fetching) until it comes near the viewport in the browser', async () => {
      const html = await renderOnServer(<DashboardEmbed {...base} modality="feature_embed" lazy />)
      expect(stateOf(html)).toBe('idle')
      expect(html).not.toMatch(/aria-busy/)
      expect(html).toMatch(/Loading the dashboard…/)
    })

    it('link_out: an idle "Open dashboard" launch button, in the boundary its module loads behind', async () => {
      const html = await renderOnServer(<DashboardEmbed {...base} modality="link_out" />)
      // A server has the launch button's module before it renders: the markup is the button itself
      // (`<!--$-->` marks a Suspense boundary that finished; a browser hydrates it when the module is there).
      expect(html).toBe('<!--$--><button data-state="idle" type="button">Open dashboard</button><!--/$-->')
    })

    it('fast-launch, feature_embed: loading, and the Fast Launch URL is not framed on the server', async () => {
      const html = await renderOnServer(
        <DashboardEmbed {...base} modality="feature_embed" strategy="fast-launch" slug="acme" />,
      )
      expect(stateOf(html)).toBe('loading')
      expect(html).not.toMatch(/junction\.com/)
    })

    it('fast-launch, link_out: a plain link to Fast Launch (nothing secret, nothing fetched)', async () => {
      const html = await renderOnServer(
        <DashboardEmbed {...base} modality="link_out" strategy="fast-launch" slug="acme" />,
      )
      expect(html).toMatch(/^<a href="https:\/\/acme\.ehr\.junction\.com\/auth\/launch\?[^"]*"/)
      expect(html).toMatch(/rel="noopener noreferrer"/)
      expect(stateOf(html)).toBe('ready')
      expect(html).toMatch(/>Open dashboard<\/a>$/)
    })
  })

  describe('DemographicsGate', () => {
    it('with a child: "checking" status, busy, and the child not rendered before the demographics are read', async () => {
      const html = await renderOnServer(
        <DemographicsGate subject="patient-42">
          <PortalLaunchButton subject="patient-42" />
        </DemographicsGate>,
      )
      expect(html).toMatch(/^<div [^>]*data-embedded-portals="demographics-gate"/)
      expect(stateOf(html)).toBe('loading')
      expect(html).toMatch(/aria-busy="true"/)
      expect(html).toMatch(/<div role="status" aria-live="polite"[^>]*>Checking the patient’s details…<\/div>/)
      expect(html).not.toMatch(/<button/)
      expect(html).not.toMatch(/<form/)
    })
  })

  describe('PortalUsersManager', () => {
    it('a "loading" status, busy, and no table or invite box before the users are read', async () => {
      const html = await renderOnServer(<PortalUsersManager portalId="portal-1" />)
      expect(html).toMatch(/^<div [^>]*data-embedded-portals="portal-users"/)
      expect(stateOf(html)).toBe('loading')
      expect(html).toMatch(/aria-busy="true"/)
      expect(html).toContain('Loading the portal’s users…')
      expect(html).not.toMatch(/<table|<textarea/)
    })
  })
})

describe('server rendering leaves nothing running', () => {
  it('schedules no timer: a request’s query client is not kept alive', () => {
    vi.useFakeTimers()
    try {
      const queryClient = new QueryClient()
      clients.push(queryClient)
      renderToString(
        <EmbedProvider endpoint="/api/portals" queryClient={queryClient}>
          <PortalLaunchButton prefetch="render" />
          <DashboardEmbed feature="order_creation" modality="feature_embed" environment="sandbox" />
          <DemographicsGate>
            <PortalLaunchButton />
          </DemographicsGate>
          <PortalUsersManager portalId="portal-1" />
        </EmbedProvider>,
      )
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})
