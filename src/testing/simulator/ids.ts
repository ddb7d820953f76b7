/** Where the simulator's ids come from: a seeded sequence (repeatable) or the platform's random source. */
export interface IdSource {
  /** A version-4 uuid. */
  uuid(): string
  /** Restarts a seeded sequence from its seed. */
  reset(): void
}

/** mulberry32: a tiny 32-bit PRNG, good enough to make ids that tests can predict. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/** `n` bytes from Web Crypto (available in Node 20, browsers and workers, secure context or not). */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n))
}

export function toHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

function formatUuid(bytes: Uint8Array): string {
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = toHex(bytes)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export function createIdSource(seed?: number): IdSource {
  if (seed === undefined) return { uuid: () => formatUuid(randomBytes(16)), reset: () => {} }
  const start = Math.trunc(seed)
  let next = mulberry32(start)
  return {
    uuid() {
      const bytes = new Uint8Array(16)
      for (let i = 0; i < 16; i += 4) {
        const word = next()
        bytes[i] = word >>> 24
        bytes[i + 1] = (word >>> 16) & 0xff
        bytes[i + 2] = (word >>> 8) & 0xff
        bytes[i + 3] = word & 0xff
      }
      return formatUuid(bytes)
    },
    reset() {
      next = mulberry32(start)
    },
  }
}
