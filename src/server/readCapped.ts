/**
 * The bytes of a body, read up to `limit`; null as soon as it is bigger (the rest is let go, not read).
 * When `signal` aborts first, the body is let go and the read rejects with the signal's reason.
 * The cancel is not waited for: some bodies (a mocked one) settle it only once read.
 */
export async function readCappedBytes(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
  signal?: AbortSignal,
): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array(0)
  const reader = body.getReader()
  const letGo = () => {
    reader.cancel().catch(() => undefined)
  }
  signal?.addEventListener('abort', letGo, { once: true })
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      let read: ReadableStreamReadResult<Uint8Array>
      try {
        read = await reader.read()
      } catch (error) {
        // Some runtimes (workerd) reject the pending read when it is cancelled: the deadline is the cause.
        signal?.throwIfAborted()
        throw error
      }
      signal?.throwIfAborted()
      const { done, value } = read
      if (done) break
      size += value.byteLength
      if (size > limit) {
        letGo()
        return null
      }
      chunks.push(value)
    }
  } finally {
    signal?.removeEventListener('abort', letGo)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
