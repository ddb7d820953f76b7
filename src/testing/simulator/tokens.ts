import { base64UrlDecode, base64UrlDecodeJson, base64UrlEncode, base64UrlEncodeJson, utf8 } from './base64url.js'

/** What a signed-URL token carries: its id, what it is for, and its times (JWT NumericDate, seconds). */
interface TokenPayload {
  jti: string
  kind: string
  iat: number
  exp: number
}

/** Makes and checks the HS256 JWTs in the simulator's signed URLs, with Web Crypto (no `node:crypto`). */
export interface TokenSigner {
  sign(payload: TokenPayload): Promise<string>
  /** The payload of a token this signer made and nobody altered, or null. Says nothing of expiry or use. */
  verify(token: string): Promise<TokenPayload | null>
}

const HEADER = base64UrlEncodeJson({ alg: 'HS256', typ: 'JWT' })

function isPayload(value: unknown): value is TokenPayload {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.jti === 'string' &&
    typeof record.kind === 'string' &&
    typeof record.iat === 'number' &&
    typeof record.exp === 'number'
  )
}

export function createTokenSigner(secret: string): TokenSigner {
  let key: Promise<CryptoKey> | undefined
  const hmacKey = () => {
    key ??= globalThis.crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ])
    return key
  }

  return {
    async sign(payload) {
      const signingInput = `${HEADER}.${base64UrlEncodeJson(payload)}`
      const signature = await globalThis.crypto.subtle.sign('HMAC', await hmacKey(), utf8(signingInput))
      return `${signingInput}.${base64UrlEncode(new Uint8Array(signature))}`
    },

    async verify(token) {
      const parts = token.split('.')
      if (parts.length !== 3) return null
      const [header = '', body = '', signature = ''] = parts
      const signatureBytes = base64UrlDecode(signature)
      if (signatureBytes === null) return null
      const valid = await globalThis.crypto.subtle.verify(
        'HMAC',
        await hmacKey(),
        signatureBytes,
        utf8(`${header}.${body}`),
      )
      if (!valid || header !== HEADER) return null
      const payload = base64UrlDecodeJson(body)
      return isPayload(payload) ? payload : null
    },
  }
}
