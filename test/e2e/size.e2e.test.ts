import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs script without declarations
import { buildPackage, MEASURES, measure } from '../../scripts/size.mjs'

interface Measure {
  name: string
  imports: string
  absent: string[]
  absentUpFront?: string[]
}

// Bytes are budgeted by size-limit (.size-limit.js, `npm run size`); this test checks what each measure holds.
describe('what each component brings into a host bundle', () => {
  let built: { entry: string; cleanup: () => Promise<void> }
  beforeAll(async () => {
    built = await buildPackage()
  }, 60_000)
  afterAll(() => built?.cleanup())

  for (const item of MEASURES as Measure[]) {
    it(`${item.name}: without other components' code, development text or server code`, async () => {
      const { code, upFront } = (await measure(item.imports, built.entry)) as { code: string; upFront: string }
      for (const marker of item.absent) expect(code, `${item.name} contains "${marker}"`).not.toContain(marker)
      for (const marker of item.absentUpFront ?? []) {
        expect(code, `${item.name} lacks "${marker}" in its chunks`).toContain(marker)
        expect(upFront, `${item.name} loads "${marker}" up front`).not.toContain(marker)
      }
      // Developer details and warnings live in development builds only, the framing ones included.
      const development = [
        'allowInsecureLocalhost in development',
        'not the wire protocol',
        'where the wire protocol has',
        'console.warn',
        'Wrap your app',
        'https://host:port',
        'No component needs this signed URL',
        'displayName',
        'third-party cookies',
        'window.open returned null',
        'clipboard refused',
        'fetch rejected',
        'no request was sent',
        'window.self !== window.top',
      ]
      for (const marker of development) {
        expect(code, `${item.name} carries development text "${marker}"`).not.toContain(marker)
      }
      // Server and test-kit code never reaches the client bundle.
      for (const marker of ['createEmbedHandler', 'startSimulator', 'node:']) expect(code).not.toContain(marker)
    }, 60_000)
  }
})
