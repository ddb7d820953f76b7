import type { BrowserCommand } from 'vitest/node'
import { createEmbedHandler } from '../../src/server/createEmbedHandler.js'
import { type RunningSimulator, simulatorHandlerOptions, startSimulator } from '../../src/testing/index.js'

// Node side of the dashboard browser tests: the real server handler, signing through the vendor
// simulator on loopback, whose dashboard pages the browser then frames.

/** `expiresIn` of the dashboard URLs → one simulator each, started on first use. */
const simulators = new Map<number, Promise<RunningSimulator>>()

function simulatorFor(expiresIn: number): Promise<RunningSimulator> {
  let running = simulators.get(expiresIn)
  if (!running) {
    running = startSimulator({ simulator: { expiresIn: { dashboard: expiresIn } } })
    simulators.set(expiresIn, running)
  }
  return running
}

export interface SignedDashboardAnswer {
  status: number
  body: unknown
}

/** Answers `POST /api/portals/signed-url` with `createEmbedHandler`, the simulator behind it. */
const dashboardSignedUrl: BrowserCommand<[body: unknown, expiresIn?: number]> = async (
  _context,
  body,
  expiresIn = 300,
): Promise<SignedDashboardAnswer> => {
  const sim = await simulatorFor(expiresIn)
  const handler = createEmbedHandler({
    ...simulatorHandlerOptions(sim),
    resolveUser: async () => ({ clientUserId: 'browser-test-clinician' }),
    authorizeDashboard: async () => ({
      integration_member_id: 'browser-test-clinician',
      integration_team_id: 'clinic-7',
    }),
  })
  const response = await handler(
    new Request('http://127.0.0.1/api/portals/signed-url', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  )
  return { status: response.status, body: await response.json() }
}

/** Closes the simulators (call it in `afterAll`: open servers keep the test process alive). */
const closeDashboardSimulators: BrowserCommand<[]> = async () => {
  const running = await Promise.all(simulators.values())
  simulators.clear()
  await Promise.all(running.map((sim) => sim.close()))
}

type FrameAction = { press: string } | { fill: [label: string, text: string] } | { read: string }

/** Acts inside the dashboard frame titled `title`, as a user would (Playwright, across origins). */
const dashboardFrame: BrowserCommand<[title: string, action: FrameAction]> = async (context, title, action) => {
  if (!('frame' in context) || typeof context.frame !== 'function') throw new Error('needs the playwright provider')
  const tester = await context.frame()
  const inner = tester.frameLocator(`iframe[title="${title}"]`)
  if ('press' in action) {
    // From the keyboard: Vitest scales its test frame, which puts pointer coordinates in nested frames off.
    await inner.getByRole('button', { name: action.press }).press('Enter', { timeout: 5_000 })
    return null
  }
  if ('fill' in action) {
    await inner.getByLabel(action.fill[0]).fill(action.fill[1])
    return null
  }
  return inner.getByLabel(action.read).inputValue()
}

export const dashboardCommands = { dashboardSignedUrl, dashboardFrame, closeDashboardSimulators }

declare module 'vitest/browser' {
  interface BrowserCommands {
    dashboardSignedUrl: (body: unknown, expiresIn?: number) => Promise<SignedDashboardAnswer>
    dashboardFrame: (title: string, action: FrameAction) => Promise<string | null>
    closeDashboardSimulators: () => Promise<void>
  }
}
