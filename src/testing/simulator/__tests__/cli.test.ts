// @vitest-environment node
import { http, passthrough } from 'msw'
import { describe, expect, it } from 'vitest'
import { server } from '../../../../test/support/msw-server.js'
import { parseSimulatorArgs, runSimulatorCli, type TerminationSignal } from '../cli.js'

function fakeIo() {
  const output: string[] = []
  const listeners = new Map<TerminationSignal, () => void>()
  return {
    output,
    listeners,
    io: {
      write: (text: string) => output.push(text),
      onSignal: (signal: TerminationSignal, listener: () => void) => {
        listeners.set(signal, listener)
        return () => listeners.delete(signal)
      },
    },
  }
}

describe('runSimulatorCli', () => {
  it('starts the simulator, prints its base URLs and keys, and stops on SIGTERM', async () => {
    const { output, listeners, io } = fakeIo()
    const session = await runSimulatorCli(['--port', '0', '--host=127.0.0.1', '--seed', '3'], io)
    if (!session) throw new Error('expected a session')
    const { running } = session
    server.use(http.all(`${running.url}/*`, () => passthrough()))
    const text = output.join('')
    expect(text).toContain(`Vendor simulator listening on ${running.url}`)
    for (const url of Object.values(running.baseUrls)) expect(text).toContain(url)
    for (const key of Object.values(running.keys)) expect(text).toContain(key)
    expect(text).toContain(running.orgId)
    expect([...listeners.keys()]).toEqual(['SIGINT', 'SIGTERM'])

    const page = await fetch(`${running.baseUrls.pages}/junction/portal`)
    expect(page.status).toBe(401)
    expect(text).toContain(`POST ${running.controlUrl}/reset, POST ${running.controlUrl}/people`)
    const added = await fetch(`${running.controlUrl}/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patients: ['patient-9'] }),
    })
    expect(added.status).toBe(200)
    expect(running.simulator.state.junctionUserByClientId('patient-9')).toBeDefined()

    listeners.get('SIGTERM')?.()
    await session.stopped
    expect(output.join('')).toContain('SIGTERM: stopping the simulator.')
    expect(listeners.size).toBe(0)
    await expect(fetch(`${running.baseUrls.pages}/junction/portal`)).rejects.toThrow()
  })

  it('prints the usage for --help and starts nothing', async () => {
    const { output, io } = fakeIo()
    expect(await runSimulatorCli(['--help'], io)).toBeNull()
    expect(output.join('')).toContain('Usage: embedded-portals-simulator')
  })

  it('refuses unknown flags, bad ports and non-loopback hosts', async () => {
    const { io } = fakeIo()
    await expect(runSimulatorCli(['--verbose'], io)).rejects.toThrow(/Unknown argument "--verbose"/)
    await expect(runSimulatorCli(['--port', '70000'], io)).rejects.toThrow(/--port needs an integer/)
    await expect(runSimulatorCli(['--port'], io)).rejects.toThrow(/--port needs an integer/)
    await expect(runSimulatorCli(['--port', '0', '--host', '0.0.0.0'], io)).rejects.toThrow(/loopback only/)
  })

  it('reads both flag forms, with defaults', () => {
    const none = { seedData: { junctionUsers: [], userhubUsers: [] }, seedFile: undefined }
    expect(parseSimulatorArgs([])).toEqual({ port: 4010, host: '127.0.0.1', seed: undefined, help: false, ...none })
    expect(parseSimulatorArgs(['--port=0', '--host', '::1', '--seed=9'])).toEqual({
      port: 0,
      host: '::1',
      seed: 9,
      help: false,
      ...none,
    })
  })
})
