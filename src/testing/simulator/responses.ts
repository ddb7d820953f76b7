/** A JSON answer as the vendors send them. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

/** `2026-05-15T20:25:39+00:00`: how the Python vendors write times. */
export function pythonIsoTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

/** The body as text, or null when it cannot be read. */
async function readText(request: Request): Promise<string | null> {
  try {
    return await request.text()
  } catch {
    return null
  }
}

export type ParsedBody = { kind: 'empty' } | { kind: 'invalid'; text: string } | { kind: 'json'; value: unknown }

/** Reads the body as JSON whatever its content type says (the vendors are lenient too). */
export async function readJson(request: Request): Promise<ParsedBody> {
  const text = await readText(request)
  if (text === null) return { kind: 'invalid', text: '' }
  if (text.trim() === '') return { kind: 'empty' }
  try {
    return { kind: 'json', value: JSON.parse(text) }
  } catch {
    return { kind: 'invalid', text }
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')
}

/** Never settles, unless `signal` aborts: then rejects with its reason, like `fetch`. */
export function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(abortReason(signal))
    else signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true })
  })
}

/** Waits `ms` with `setTimeout` (fake timers control it); rejects early if `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return signal.aborted ? Promise.reject(abortReason(signal)) : Promise.resolve()
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortReason(signal))
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
  })
}
