// The in-browser half of `npm run bench`: scenarios that scripts/bench.mjs runs in Chromium.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { setupWorker } from 'msw/browser'
import { useState } from 'react'
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { EmbedProvider, PortalLaunchButton, PortalUsersManager, portalUsersQueryKey } from '../src/index.js'
import { endpointHandlers, portalUsersFixture } from '../src/testing/index.js'

const SIGNING_LATENCY_MS = 800
/** Where the fake endpoints' signed URLs point: not a vendor's origin, so the providers list it. */
const URL_ORIGIN = 'https://portal.example.test'
const URL_ORIGINS = [URL_ORIGIN]
const endpoint = endpointHandlers({
  signedUrl: 'slow',
  delayMs: SIGNING_LATENCY_MS,
  urlBase: URL_ORIGIN,
})
/** A second endpoint for the simulated hour: fresh URLs that live 300 s. */
const hourEndpoint = endpointHandlers({
  endpoint: '/api/hour',
  signedUrl: 'fresh',
  expiresIn: 300,
  urlBase: URL_ORIGIN,
})
const worker = setupWorker(...endpoint.handlers, ...hourEndpoint.handlers)
const host = document.getElementById('root') as HTMLElement
let root: Root | null = null

/** Records when `window.open` or a placeholder's `location.replace` receives the signed URL. */
function watchNavigation(): Promise<number> {
  return new Promise((resolve) => {
    window.open = ((url?: string | URL) => {
      if (url) {
        resolve(performance.now())
        return null
      }
      const placeholder = {
        opener: null,
        closed: false,
        close() {},
        document,
        location: { replace: () => resolve(performance.now()) },
      }
      return placeholder as unknown as Window
    }) as typeof window.open
  })
}

function mount(node: React.ReactNode) {
  root?.unmount()
  host.replaceChildren()
  root = createRoot(host)
  flushSync(() => root?.render(node))
}

function provider(children: React.ReactNode) {
  return (
    <EmbedProvider endpoint="/api/portals" allowedOrigins={URL_ORIGINS} queryClient={new QueryClient()}>
      {children}
    </EmbedProvider>
  )
}

function NaiveButton() {
  return (
    <button
      type="button"
      onClick={async () => {
        const response = await fetch('/api/portals/signed-url', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch' } }),
        })
        const { url } = (await response.json()) as { url: string }
        window.open(url, '_blank')
      }}
    >
      Open portal (naive)
    </button>
  )
}

const ignore = () => {}

/**
 * The least a React launch button can be: a component with no state that renders the button with the
 * attributes and handlers the real one has when idle. The gap between it and plain buttons is React's,
 * the gap between it and the launch button is the library's.
 */
function FloorButton() {
  return (
    <button
      type="button"
      data-state="idle"
      onClick={ignore}
      onPointerEnter={ignore}
      onFocus={ignore}
      onTouchStart={ignore}
    >
      Open portal
    </button>
  )
}

const neverFetched = () => Promise.resolve(null)

/**
 * What any launch button built on react-query costs at least: the floor's button, with one disabled
 * `useQuery` (for its URL) and one `useState` (its launch state). The gap between it and the launch
 * button is what the library adds over react-query.
 */
function QueryReferenceButton({ id }: { id: string }) {
  const [state] = useState('idle')
  useQuery({ queryKey: ['bench-reference', id], queryFn: neverFetched, enabled: false })
  return (
    <button
      type="button"
      data-state={state}
      onClick={ignore}
      onPointerEnter={ignore}
      onFocus={ignore}
      onTouchStart={ignore}
    >
      Open portal
    </button>
  )
}

/** Renders of the host's own children inside a launch button, and `data-state` changes of that button. */
const hour = { childRenders: 0, stateChanges: 0, observer: null as MutationObserver | null }

/** Host content given to the launch button as children: counts its own renders. */
function HostLabel() {
  hour.childRenders++
  return <span>Book my lab visit</span>
}

/** Makes the page report itself hidden or visible, as a tab switch would. */
function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') })
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden })
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

const scenarios = {
  /** Mounts a prefetching button, waits until it holds a URL; the script then clicks it. */
  async preparePrefetched() {
    mount(provider(<PortalLaunchButton prefetch="render" />))
    const button = host.querySelector('button')
    while (button?.getAttribute('data-state') !== 'ready') await wait(10)
  },
  async prepareNaive() {
    mount(<NaiveButton />)
  },
  /** Arms the navigation watch and the click clock; resolves with click-to-navigation ms. */
  armClick(): Promise<number> {
    const navigated = watchNavigation()
    return new Promise((resolve) => {
      host.addEventListener(
        'pointerdown',
        () => {
          const clicked = performance.now()
          void navigated.then((at) => resolve(at - clicked))
        },
        { once: true, capture: true },
      )
    })
  },
  /** Requests made by 1,000 buttons with the default prefetch, one second after mounting, before any intent. */
  async idleRequests(): Promise<number> {
    endpoint.reset()
    mount(provider(Array.from({ length: 1000 }, (_, i) => <PortalLaunchButton key={uuid(i)} orderId={uuid(i)} />)))
    await wait(1000)
    return endpoint.requests.length
  },
  /**
   * An open page for the simulated hour: one button that keeps its URL fresh (`prefetch="render"`), with
   * host children. The script drives the page's clock (Playwright's fake timers) and reads `hourStats`.
   */
  hourMount() {
    setHidden(false)
    hourEndpoint.reset()
    mount(
      <EmbedProvider endpoint="/api/hour" allowedOrigins={URL_ORIGINS} queryClient={new QueryClient()}>
        <PortalLaunchButton prefetch="render">
          <HostLabel />
        </PortalLaunchButton>
      </EmbedProvider>,
    )
    hour.observer?.disconnect()
    hour.observer = new MutationObserver((records) => {
      hour.stateChanges += records.length
    })
    const button = host.querySelector('button')
    if (button) hour.observer.observe(button, { attributes: true, attributeFilter: ['data-state'] })
  },
  /** Zeroes the hour's counters (requests, child renders, state changes). */
  hourReset() {
    hourEndpoint.reset()
    hour.childRenders = 0
    hour.stateChanges = 0
  },
  hourStats() {
    return {
      requests: hourEndpoint.requests.length,
      childRenders: hour.childRenders,
      stateChanges: hour.stateChanges,
      state: host.querySelector('button')?.getAttribute('data-state') ?? null,
    }
  },
  setHidden,
  /**
   * Median ms to mount 1,000 launch buttons and 1,000 plain buttons, over `runs` runs each. The host's
   * data (ids) and the query client exist before the clock starts; the order alternates between runs so
   * that neither side always pays for the other's garbage.
   */
  async mountTimes(runs: number): Promise<{ launch: number; plain: number; floor: number; reference: number }> {
    const ids = Array.from({ length: 1000 }, (_, i) => uuid(i))
    const time = (node: () => React.ReactNode) => {
      root?.unmount()
      root = null
      host.replaceChildren()
      const started = performance.now()
      mount(node())
      return performance.now() - started
    }
    const launch: number[] = []
    const plain: number[] = []
    const floor: number[] = []
    const reference: number[] = []
    for (let run = 0; run < runs; run++) {
      const queryClient = new QueryClient()
      const measureLaunch = () =>
        launch.push(
          time(() => (
            <EmbedProvider endpoint="/api/portals" allowedOrigins={URL_ORIGINS} queryClient={queryClient}>
              {ids.map((id) => (
                <PortalLaunchButton key={id} orderId={id} />
              ))}
            </EmbedProvider>
          )),
        )
      const measurePlain = () =>
        plain.push(
          time(() =>
            ids.map((id) => (
              <button key={id} type="button">
                Open portal
              </button>
            )),
          ),
        )
      const measureFloor = () =>
        floor.push(
          time(() => (
            <EmbedProvider endpoint="/api/portals" allowedOrigins={URL_ORIGINS} queryClient={queryClient}>
              {ids.map((id) => (
                <FloorButton key={id} />
              ))}
            </EmbedProvider>
          )),
        )
      const measureReference = () =>
        reference.push(
          time(() => (
            <QueryClientProvider client={queryClient}>
              {ids.map((id) => (
                <QueryReferenceButton key={id} id={id} />
              ))}
            </QueryClientProvider>
          )),
        )
      const order = [measureLaunch, measurePlain, measureFloor, measureReference]
      for (let i = 0; i < order.length; i++) order[(run + i) % order.length]?.()
      await wait(0)
    }
    return { launch: median(launch), plain: median(plain), floor: median(floor), reference: median(reference) }
  },
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

/** Sets a React-controlled input's value as typing does, and returns the ms until the DOM has changed. */
function typeInto(input: HTMLInputElement, value: string): number {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
  const started = performance.now()
  flushSync(() => {
    setValue?.call(input, value)
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
  return performance.now() - started
}

const adminScenarios = {
  /**
   * `<PortalUsersManager>` with 5,000 users: median ms of its first render (the list already fetched, as
   * when it comes back to a page), then of each keystroke typing `grace hop` into the search and erasing it.
   */
  async adminTimes(
    runs: number,
  ): Promise<{ render: number; keystroke: number; keystrokeP95: number; slowestKeystroke: number; rows: number }> {
    const users = portalUsersFixture(5000)
    const renders: number[] = []
    const keystrokes: number[] = []
    let rows = 0
    const query = 'grace hop'
    for (let run = 0; run < runs; run++) {
      const queryClient = new QueryClient()
      queryClient.setQueryData(portalUsersQueryKey({ endpoint: '/api/admin' }, 'bench'), users)
      root?.unmount()
      root = null
      host.replaceChildren()
      const started = performance.now()
      mount(
        <EmbedProvider endpoint="/api/admin" queryClient={queryClient}>
          <PortalUsersManager portalId="bench" />
        </EmbedProvider>,
      )
      renders.push(performance.now() - started)
      const search = host.querySelector<HTMLInputElement>('input[type="search"]')
      if (!search) throw new Error('The manager rendered no search box.')
      for (let i = 1; i <= query.length; i++) keystrokes.push(typeInto(search, query.slice(0, i)))
      rows = host.querySelectorAll('tbody tr').length
      for (let i = query.length - 1; i >= 0; i--) keystrokes.push(typeInto(search, query.slice(0, i)))
      await wait(0)
    }
    const sorted = [...keystrokes].sort((a, b) => a - b)
    const keystrokeP95 = sorted[Math.ceil(sorted.length * 0.95) - 1] ?? Number.NaN
    return {
      render: median(renders),
      keystroke: median(keystrokes),
      keystrokeP95,
      slowestKeystroke: Math.max(...keystrokes),
      rows,
    }
  },
}

declare global {
  interface Window {
    bench: typeof scenarios & typeof adminScenarios & { ready: Promise<void> }
  }
}

window.bench = Object.assign(scenarios, adminScenarios, {
  ready: worker.start({ quiet: true, onUnhandledRequest: 'bypass' }).then(() => undefined),
})
