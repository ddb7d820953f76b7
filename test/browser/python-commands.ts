import type { BrowserCommand } from 'vitest/node'
import { type RunningPythonEndpoint, startPythonEndpoint } from '../support/python-endpoint.js'

let running: RunningPythonEndpoint | undefined

/** Starts the simulator and the example Python endpoint, serving the test page's origin across origins. */
const startPython: BrowserCommand<[pageOrigin: string]> = async (_context, pageOrigin) => {
  await running?.stop()
  running = await startPythonEndpoint([pageOrigin])
  return { endpoint: running.endpoint, pagesOrigin: running.pagesOrigin }
}

const stopPython: BrowserCommand<[]> = async () => {
  await running?.stop()
  running = undefined
}

export const pythonCommands = { startPython, stopPython }

declare module 'vitest/browser' {
  interface BrowserCommands {
    startPython: (pageOrigin: string) => Promise<{ endpoint: string; pagesOrigin: string }>
    stopPython: () => Promise<void>
  }
}
