import { QueryClient } from '@tanstack/react-query'
import { act } from '@testing-library/react'
import type { ReactNode } from 'react'
import { createRoot, hydrateRoot, type Root } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import { commands, userEvent } from 'vitest/browser'
import type { Demographics } from '../../src/core/demographics.js'
import { DashboardEmbed } from '../../src/dashboard/DashboardEmbed.js'
import { DemographicsGate } from '../../src/demographics/DemographicsGate.js'
import { PortalLaunchButton } from '../../src/launch/PortalLaunchButton.js'
import { EmbedProvider } from '../../src/provider/EmbedProvider.js'
import { type EndpointHandlersOptions, endpointHandlers } from '../../src/testing/endpointHandlers.js'
import { COMPLETE_DEMOGRAPHICS } from '../support/fixtures.js'
import { worker } from '../support/msw-worker.js'
import { LANDING_ORIGIN } from './commands.js'

// Server rendering (issue 8), in Chromium: the markup `renderToString` gives hydrates without a single
// mismatch (no console error, no recoverable error, the server's nodes kept), and the component then
// works: it fetches, frames and opens as if it had been rendered in the browser.

beforeAll(async () => {
  await commands.serveLanding()
})

// The pointer waits in a corner between tests. Left where the last test hovered, it may already be over
// the next test's button when that appears, and a hover then moves it within the button without React
// ever seeing a pointer enter (this happens with `render` as well as with hydration).
beforeEach(async () => {
  let corner = document.getElementById('pointer-corner')
  if (!corner) {
    corner = document.createElement('div')
    corner.id = 'pointer-corner'
    corner.style.cssText = 'position: fixed; right: 0; bottom: 0; width: 8px; height: 8px'
    document.body.append(corner)
  }
  await userEvent.hover(corner)
})

interface Hydration {
  container: HTMLElement
  root: Root
  queryClients: QueryClient[]
  consoleError: MockInstance<typeof console.error>
}

const hydrations: Hydration[] = []

afterEach(async () => {
  for (const { container, root, queryClients, consoleError } of hydrations.splice(0)) {
    act(() => root.unmount())
    container.remove()
    for (const client of queryClients) client.clear()
    consoleError.mockRestore()
  }
  await commands.closeOpenedTabs()
})

function inProvider(queryClient: QueryClient, children: ReactNode) {
  return (
    <EmbedProvider endpoint="/api/portals" queryClient={queryClient} allowInsecureLocalhost>
      {children}
    </EmbedProvider>
  )
}

/**
 * Renders `server` to a string (as a server would, with its own query client), puts the markup in the
 * page and hydrates it with `client` (the same tree unless a test wants a mismatch). Records every
 * console error and every error React reports during and after hydration.
 */
async function hydrate(server: ReactNode, client: ReactNode = server, { quiet = false } = {}) {
  const consoleError = vi.spyOn(console, 'error')
  if (quiet) consoleError.mockImplementation(() => {})
  const recoverable = vi.fn()
  const caught = vi.fn()
  const uncaught = vi.fn()
  const serverClient = new QueryClient()
  const clientClient = new QueryClient()
  const html = renderToString(inProvider(serverClient, server))
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  const serverNodes = [...container.childNodes]
  let root: Root | undefined
  await act(async () => {
    root = hydrateRoot(container, inProvider(clientClient, client), {
      onRecoverableError: recoverable,
      onCaughtError: caught,
      onUncaughtError: uncaught,
    })
  })
  hydrations.push({ container, root: root as Root, queryClients: [serverClient, clientClient], consoleError })
  return {
    html,
    container,
    serverNodes,
    recoverable,
    consoleError,
    /** Nothing went wrong: no mismatch, no error of any kind, so far. */
    expectClean() {
      expect(consoleError).not.toHaveBeenCalled()
      expect(recoverable).not.toHaveBeenCalled()
      expect(caught).not.toHaveBeenCalled()
      expect(uncaught).not.toHaveBeenCalled()
    },
  }
}

/** Hydrates `ui`, asserts the hydration was clean and kept every server node, and returns the result. */
async function hydrateCleanly(ui: ReactNode) {
  const hydration = await hydrate(ui)
  hydration.expectClean()
  // A mismatch React recovers from replaces the server's nodes by client-rendered ones; none may be.
  expect(hydration.container.childNodes).toHaveLength(hydration.serverNodes.length)
  hydration.serverNodes.forEach((node, index) => {
    expect(hydration.container.childNodes[index]).toBe(node)
  })
  return hydration
}

function setupEndpoint(options: EndpointHandlersOptions = {}) {
  const endpoint = endpointHandlers({ urlBase: LANDING_ORIGIN, ...options })
  worker.use(...endpoint.handlers)
  return endpoint
}

function only<T extends Element>(container: HTMLElement, selector: string): T {
  const found = container.querySelectorAll<T>(selector)
  expect(found).toHaveLength(1)
  return found[0] as T
}

async function waitForState(element: Element, state: string) {
  await vi.waitFor(() => expect(element).toHaveAttribute('data-state', state), { timeout: 10_000, interval: 50 })
}

async function waitForTabs(count: number) {
  await vi.waitFor(
    async () => {
      const tabs = await commands.openedTabs()
      expect(tabs).toHaveLength(count)
      for (const tab of tabs) expect(tab.url).not.toBe('about:blank')
    },
    { timeout: 10_000, interval: 100 },
  )
  return commands.openedTabs()
}

describe('the hydration check itself', () => {
  it('notices markup the client renders differently', async () => {
    setupEndpoint()
    const hydration = await hydrate(<PortalLaunchButton />, <PortalLaunchButton context="communications" />, {
      quiet: true,
    })
    expect(hydration.recoverable.mock.calls.length + hydration.consoleError.mock.calls.length).toBeGreaterThan(0)
    expect(() => hydration.expectClean()).toThrow()
  })
})

describe('PortalLaunchButton hydrates its server markup', () => {
  it('default: idle until hover, then prefetches and is ready', async () => {
    const endpoint = setupEndpoint()
    const { container, expectClean } = await hydrateCleanly(<PortalLaunchButton />)
    const button = only<HTMLButtonElement>(container, 'button')
    expect(button).toHaveAttribute('data-state', 'idle')
    expect(button).toHaveTextContent('Open portal')
    expect(endpoint.requests).toHaveLength(0)
    await userEvent.hover(button)
    await waitForState(button, 'ready')
    expect(only(container, 'button')).toBe(button)
    expect(endpoint.requests).toHaveLength(1)
    expect(endpoint.requests[0]?.target).toEqual({ kind: 'junction.user_portal', context: 'launch' })
    expectClean()
  })

  it('communications: prefetches the shareable link on hover', async () => {
    const endpoint = setupEndpoint()
    const { container, expectClean } = await hydrateCleanly(<PortalLaunchButton context="communications" />)
    const button = only<HTMLButtonElement>(container, 'button')
    expect(button).toHaveTextContent('Copy portal link')
    await userEvent.hover(button)
    await waitForState(button, 'ready')
    expect(endpoint.requests.map((request) => request.target)).toEqual([
      { kind: 'junction.user_portal', context: 'communications' },
    ])
    expectClean()
  })

  it('a UserHub target: nothing on hover (single use), and a click mints one URL and opens it', async () => {
    const endpoint = setupEndpoint({ signedUrl: 'redirect_url' })
    const target = { kind: 'userhub.portal', portal_url: '/acct_1/plans' } as const
    const { container, expectClean } = await hydrateCleanly(<PortalLaunchButton target={target} />)
    const button = only<HTMLButtonElement>(container, 'button')
    expect(button).toHaveAttribute('data-state', 'idle')
    await userEvent.hover(button)
    expect(endpoint.requests).toHaveLength(0)
    await userEvent.click(button)
    const tabs = await waitForTabs(1)
    expect(endpoint.requests.map((request) => request.target)).toEqual([target])
    expect(tabs[0]?.url).toBe(endpoint.issuedUrls[0])
    expect(tabs[0]?.hasOpener).toBe(false)
    expectClean()
  })

  it('asChild: the host’s element keeps its props and becomes ready on hover', async () => {
    const endpoint = setupEndpoint()
    const { container, expectClean } = await hydrateCleanly(
      <PortalLaunchButton asChild>
        <button type="button" className="host-button">
          Patient portal
        </button>
      </PortalLaunchButton>,
    )
    const button = only<HTMLButtonElement>(container, 'button')
    expect(button).toHaveClass('host-button')
    expect(button).toHaveAttribute('data-state', 'idle')
    await userEvent.hover(button)
    await waitForState(button, 'ready')
    expect(endpoint.requests).toHaveLength(1)
    expectClean()
  })
})

/** Renders a link_out once in the browser, until its launch button's module has arrived. */
async function loadLinkOutModule() {
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  const client = new QueryClient()
  await act(async () => {
    root.render(inProvider(client, <DashboardEmbed feature="team_panels" modality="link_out" environment="sandbox" />))
  })
  // The stand-in passes a hover on; the launch button then fetches.
  await userEvent.hover(container.querySelector('button') as HTMLButtonElement)
  await expect.poll(() => container.querySelector('button')?.getAttribute('data-state')).toBe('ready')
  await userEvent.hover(document.getElementById('pointer-corner') as HTMLElement)
  act(() => root.unmount())
  container.remove()
  client.clear()
}

describe('DashboardEmbed hydrates its server markup', () => {
  const base = { feature: 'order_creation', environment: 'sandbox', integrationMemberId: 'patient-42' } as const

  it('feature_embed: fetches after hydration and frames the signed URL', async () => {
    const endpoint = setupEndpoint()
    const { container, serverNodes, expectClean } = await hydrateCleanly(
      <DashboardEmbed {...base} modality="feature_embed" />,
    )
    const root = only<HTMLElement>(container, '[data-embedded-portals="dashboard"]')
    expect(root).toBe(serverNodes[0])
    await waitForState(root, 'ready')
    expect(endpoint.requests).toHaveLength(1)
    expect(only<HTMLIFrameElement>(container, 'iframe').src).toBe(endpoint.issuedUrls[0])
    expectClean()
  })

  it('lazy: hydrates idle, then fetches and frames once in view', async () => {
    const endpoint = setupEndpoint()
    const { container, html, expectClean } = await hydrateCleanly(
      <DashboardEmbed {...base} modality="feature_embed" lazy />,
    )
    expect(html).toMatch(/data-state="idle"/)
    const root = only<HTMLElement>(container, '[data-embedded-portals="dashboard"]')
    await waitForState(root, 'ready')
    expect(endpoint.requests).toHaveLength(1)
    expect(only<HTMLIFrameElement>(container, 'iframe').src).toBe(endpoint.issuedUrls[0])
    expectClean()
  })

  it('link_out: the launch button becomes ready on hover', async () => {
    const endpoint = setupEndpoint()
    // The button's module loads behind a Suspense boundary the first time a link_out renders. A Node server
    // loads it at once and a streaming one waits for it, so its markup is the button itself; this page,
    // playing the server with `renderToString`, loads it first by showing a link_out once.
    await loadLinkOutModule()
    endpoint.reset()
    const { container, html, expectClean } = await hydrateCleanly(<DashboardEmbed {...base} modality="link_out" />)
    expect(html).toBe('<!--$--><button data-state="idle" type="button">Open dashboard</button><!--/$-->')
    const button = only<HTMLButtonElement>(container, 'button')
    expect(button).toHaveTextContent('Open dashboard')
    await userEvent.hover(button)
    await waitForState(button, 'ready')
    expect(endpoint.requests.map((request) => request.target?.kind)).toEqual(['junction.dashboard'])
    expectClean()
  })

  it('fast-launch: frames the Fast Launch URL after hydration, with nothing fetched', async () => {
    const endpoint = setupEndpoint()
    const { container, expectClean } = await hydrateCleanly(
      <DashboardEmbed
        {...base}
        modality="feature_embed"
        strategy="fast-launch"
        slug="acme"
        fastLaunchOrigin={LANDING_ORIGIN}
      />,
    )
    const root = only<HTMLElement>(container, '[data-embedded-portals="dashboard"]')
    await waitForState(root, 'ready')
    const src = new URL(only<HTMLIFrameElement>(container, 'iframe').src)
    expect(src.origin).toBe(LANDING_ORIGIN)
    expect(src.pathname).toBe('/auth/launch')
    expect(src.searchParams.get('integration_member_id')).toBe('patient-42')
    expect(endpoint.requests).toHaveLength(0)
    expectClean()
  })
})

describe('DemographicsGate hydrates its server markup', () => {
  it('with a child: reads the demographics after hydration, then shows the child, which works', async () => {
    const endpoint = setupEndpoint({ demographics: COMPLETE_DEMOGRAPHICS as Demographics })
    const { container, serverNodes, expectClean } = await hydrateCleanly(
      <DemographicsGate subject="patient-42">
        <PortalLaunchButton subject="patient-42" />
      </DemographicsGate>,
    )
    const gate = only<HTMLElement>(container, '[data-embedded-portals="demographics-gate"]')
    expect(gate).toBe(serverNodes[0])
    await waitForState(gate, 'ready')
    expect(endpoint.demographicsRequests.map((request) => [request.method, request.subject])).toEqual([
      ['GET', 'patient-42'],
    ])
    const button = only<HTMLButtonElement>(container, 'button')
    await userEvent.hover(button)
    await waitForState(button, 'ready')
    expect(endpoint.requests.map((request) => request.target)).toEqual([
      { kind: 'junction.user_portal', context: 'launch', subject: 'patient-42' },
    ])
    expectClean()
  })
})
