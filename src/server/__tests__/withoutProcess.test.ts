// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { createEmbedHandler } from '../createEmbedHandler.js'

const ORIGIN = 'https://ehr.example.com'
const realProcess = globalThis.process

/** As on Deno run without `--allow-env`: reading any variable throws. */
const denoWithoutEnv = {
  env: new Proxy(
    {},
    {
      get: () => {
        throw new Error('Requires env access to "NODE_ENV", run again with the --allow-env flag')
      },
    },
  ),
}

/** Replaces the `process` global for the rest of the test (none at all, as on Cloudflare Workers). */
function replaceProcess(value: unknown): void {
  Object.defineProperty(globalThis, 'process', { value, configurable: true, writable: true })
}

afterEach(() => replaceProcess(realProcess))

/** A handler whose one vendor call answers a signed URL on `url`. */
function portalHandler(url: string) {
  const logs: string[] = []
  const embed = createEmbedHandler({
    junction: { apiKey: 'sk_test' },
    resolveUser: async () => ({ junctionUserId: 'u-1' }),
    fetch: async () => Response.json({ url, expires_in: 300 }),
    logger: { warn: (message) => logs.push(message), error: (message) => logs.push(message) },
  })
  const signedUrl = () =>
    embed(
      new Request(`${ORIGIN}/api/portals/signed-url`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ target: { kind: 'junction.user_portal', context: 'launch' } }),
      }),
    )
  return { signedUrl, logs }
}

describe.each([
  ['no process global (Cloudflare Workers)', undefined],
  ['a process whose environment cannot be read (Deno without --allow-env)', denoWithoutEnv],
])('the handler with %s', (_, replacement) => {
  it('hands out a signed URL', async () => {
    const { signedUrl } = portalHandler('https://portal.junction.com/p?token=T')
    replaceProcess(replacement)
    const response = await signedUrl()
    replaceProcess(realProcess)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ url: 'https://portal.junction.com/p?token=T', expires_in: 300 })
  })

  it('refuses a URL off the vendor origins with the 502 and the log it gives everywhere', async () => {
    const { signedUrl, logs } = portalHandler('https://evil.example.com/p?token=T')
    replaceProcess(replacement)
    const response = await signedUrl()
    replaceProcess(realProcess)
    expect(response.status).toBe(502)
    expect(logs).toEqual(['vendor answered a URL that urlPolicy refuses; it was not handed out'])
  })

  it('names a bad allowedOrigins entry when the handler is created', () => {
    replaceProcess(replacement)
    let thrown: unknown
    try {
      createEmbedHandler({ resolveUser: async () => null, allowedOrigins: ['ehr.example.com'] })
    } catch (error) {
      thrown = error
    }
    replaceProcess(realProcess)
    expect(thrown).toBeInstanceOf(TypeError)
    expect(String(thrown)).toContain('allowedOrigins entry "ehr.example.com" is not an origin')
  })
})
