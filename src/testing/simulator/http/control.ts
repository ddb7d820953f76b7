import type { IncomingMessage, ServerResponse } from 'node:http'
import type { SeededData } from '../seed.js'
import { isLoopbackHost } from './loopbackHost.js'
import { MAX_BODY_BYTES, sendJsonError, toFetchRequest } from './nodeBridge.js'

/** Where the control routes live on the simulator's origin. */
export const CONTROL_PATH = '/control'

/** What the control routes do: the running simulator's own `reset` and `addPeople`. */
export interface SimulatorControl {
  reset(): Promise<SeededData>
  addPeople(people: unknown): Promise<SeededData>
}

/** A refusal of a control request, answered with its status and text. */
export class ControlRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'ControlRefusal'
  }
}

const ROUTES: Readonly<Record<string, (control: SimulatorControl, body: unknown) => Promise<SeededData>>> = {
  [`${CONTROL_PATH}/reset`]: (control) => control.reset(),
  [`${CONTROL_PATH}/people`]: (control, body) => control.addPeople(body),
}

/**
 * Why a control request is refused, or null. They are for the developer's own tools on this machine: the
 * caller must be on loopback (the server has already refused a `Host` that is not its own loopback
 * address, so a rebound DNS name cannot reach them), and a browser page may call them only from the
 * simulator's own origin.
 */
function refusal(incoming: IncomingMessage, origin: string): ControlRefusal | null {
  if (!isLoopbackHost(incoming.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '')) {
    return new ControlRefusal(403, 'The control routes answer only callers on loopback.')
  }
  const from = incoming.headers.origin
  if (from !== undefined && from !== origin) {
    return new ControlRefusal(403, `The control routes answer no other origin than ${origin}.`)
  }
  return null
}

/** Serves `POST /control/reset` and `POST /control/people` (a JSON body), answering `{"seeded"}`. */
export async function serveControl(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  origin: string,
  control: SimulatorControl,
): Promise<void> {
  const path = new URL(incoming.url ?? '/', origin).pathname.replace(/\/+$/, '')
  const route = ROUTES[path]
  const refused = refusal(incoming, origin)
  if (refused) return sendJsonError(outgoing, refused.status, refused.message)
  if (!route) {
    return sendJsonError(
      outgoing,
      404,
      `No control route here: POST ${CONTROL_PATH}/reset, POST ${CONTROL_PATH}/people.`,
    )
  }
  if (incoming.method !== 'POST') {
    outgoing.setHeader('allow', 'POST')
    return sendJsonError(outgoing, 405, `${path} takes POST.`)
  }
  const type = incoming.headers['content-type']?.split(';')[0]?.trim().toLowerCase()
  const hasBody = Number(incoming.headers['content-length'] ?? 0) > 0 || incoming.headers['transfer-encoding']
  if (hasBody && type !== 'application/json') {
    return sendJsonError(outgoing, 415, 'A control request body must be application/json.')
  }
  const bridged = hasBody ? toFetchRequest(incoming, outgoing, origin, MAX_BODY_BYTES) : undefined
  try {
    const text = bridged ? await bridged.request.text() : ''
    let body: unknown = {}
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text)
      } catch {
        throw new ControlRefusal(400, 'The body is not valid JSON.')
      }
    }
    const seeded = await route(control, body)
    outgoing.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    outgoing.end(JSON.stringify({ seeded }))
  } catch (error) {
    if (error instanceof ControlRefusal) return sendJsonError(outgoing, error.status, error.message)
    if (bridged?.tooLarge()) return sendJsonError(outgoing, 413, 'The request body is larger than 1 MB.')
    sendJsonError(outgoing, 500, `The simulator failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}
