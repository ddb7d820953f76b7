import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs script without declarations
import { buildPackage, MEASURES, measure } from '../../scripts/size.mjs'

interface Measure {
  name: string
  imports: string
  absent: string[]
}

/**
 * Regression ceilings, in gzipped bytes: today's figures plus about 10 %. They are not the budgets the
 * project aims at (6 / 2.5 / 3 / 3.5 KB, see docs/performance.md), which are still far off; they keep the
 * bundle from growing unnoticed until then.
 */
const CEILINGS: Record<string, number> = {
  // 19.3 KB before the admin component and its hooks, 25.9 KB with them.
  'client entry (everything)': 29_200,
  PortalLaunchButton: 11_400,
  DashboardEmbed: 14_600,
  'DemographicsGate (with its form)': 10_500,
  PortalUsersManager: 11_900,
}

describe('what the client entry costs a host bundle (minified + gzip, peers external)', () => {
  let built: { entry: string; cleanup: () => Promise<void> }
  beforeAll(async () => {
    built = await buildPackage()
  }, 60_000)
  afterAll(() => built?.cleanup())

  for (const item of MEASURES as Measure[]) {
    it(`${item.name}: within its ceiling, and without other components' code`, async () => {
      const { code, gzip, minified } = (await measure(item.imports, built.entry)) as {
        code: string
        gzip: number
        minified: number
      }
      // biome-ignore lint/suspicious/noConsole: the figures are printed on every run, by design
      console.log(`${item.name}: ${(minified / 1024).toFixed(1)} KB minified, ${(gzip / 1024).toFixed(2)} KB gzip`)
      for (const marker of item.absent) expect(code, `${item.name} contains "${marker}"`).not.toContain(marker)
      expect(gzip).toBeLessThanOrEqual(CEILINGS[item.name] ?? 0)
      // Developer details and warnings live in development builds only.
      for (const marker of ['allowInsecureLocalhost in development', 'not the wire protocol', 'console.warn']) {
        expect(code, `${item.name} carries development text "${marker}"`).not.toContain(marker)
      }
      // Server and test-kit code never reaches the client bundle.
      for (const marker of ['createEmbedHandler', 'startSimulator', 'node:']) expect(code).not.toContain(marker)
    }, 60_000)
  }
})
