import { htmlPage } from './pages/document.js'
import { json, waitForAbort } from './responses.js'
import type { SimulatedApi, SimulatedFailure, SimulatedFailureKind } from './types.js'

interface Pending {
  failure: SimulatedFailure
  remaining: number
}

/** Failures injected with `simulator.fail(...)`, served in order, per API. */
export interface FailureQueue {
  add(failure: SimulatedFailure): void
  /** The failure the next call of `api` must answer with, if any (and counts it). */
  take(api: SimulatedApi): SimulatedFailure | undefined
  clear(): void
}

export function createFailureQueue(): FailureQueue {
  const pending: Pending[] = []
  return {
    add(failure) {
      const times = failure.times ?? 1
      if (times > 0) pending.push({ failure, remaining: times })
    },
    take(api) {
      const index = pending.findIndex((entry) => entry.failure.api === api)
      const entry = pending[index]
      if (!entry) return undefined
      entry.remaining -= 1
      if (entry.remaining <= 0) pending.splice(index, 1)
      return entry.failure
    },
    clear() {
      pending.length = 0
    },
  }
}

const STATUS: Record<Exclude<SimulatedFailureKind, 'timeout'>, number> = {
  rate_limit: 429,
  server_error: 500,
  unavailable: 503,
  not_found: 404,
  unprocessable: 422,
}

const FASTAPI_DETAIL: Record<number, string> = {
  404: 'Not Found',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

const USERHUB_ERROR: Record<number, { code: string; message: string }> = {
  404: { code: 'NOT_FOUND', message: 'Not found.' },
  429: { code: 'RESOURCE_EXHAUSTED', message: 'Too many requests. Try again later.' },
  500: { code: 'INTERNAL', message: 'An internal error occurred.' },
  503: { code: 'UNAVAILABLE', message: 'The service is unavailable. Try again later.' },
}

const DEFAULT_FIELDS = [{ path: 'body', message: 'Field required' }] as const

/** An `unprocessable` failure in the API's own words: FastAPI's 422 `detail`, or UserHub's 400 naming one param. */
function refusal(api: SimulatedApi, fields: SimulatedFailure['fields']): Response {
  const list = fields?.length ? fields : DEFAULT_FIELDS
  if (api === 'userhub') {
    const first = list[0] ?? DEFAULT_FIELDS[0]
    return json({ code: 'INVALID_ARGUMENT', message: first.message, param: first.path }, 400)
  }
  return json(
    {
      detail: list.map((field) => ({
        type: 'value_error',
        loc: ['body', ...field.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part))],
        msg: field.message,
      })),
    },
    422,
  )
}

/** The answer of an injected failure, in the API's own error shape (a `timeout` never answers). */
export async function failureResponse(
  api: SimulatedApi,
  failure: SimulatedFailure,
  signal: AbortSignal,
): Promise<Response> {
  if (failure.kind === 'timeout') return waitForAbort(signal)
  if (failure.kind === 'unprocessable' && api !== 'pages') return refusal(api, failure.fields)
  const status = STATUS[failure.kind]
  const headers: Record<string, string> =
    failure.retryAfterSeconds !== undefined && (status === 429 || status === 503)
      ? { 'retry-after': String(failure.retryAfterSeconds) }
      : {}
  if (api === 'userhub') return json(USERHUB_ERROR[status], status, headers)
  if (api === 'pages') {
    const title = FASTAPI_DETAIL[status] ?? 'Error'
    const response = htmlPage({ status, title, frameable: false, body: `<h1>${title}</h1>\n<p>Try again later.</p>` })
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
    return response
  }
  return json({ detail: FASTAPI_DETAIL[status] }, status, headers)
}
