import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { browserCommands } from './test/browser/commands.ts'
import { chromiumLaunchOptions } from './test/support/chromium.ts'

/** A fresh `browser` object per project: Vitest projects that share one fail. */
function chromiumBrowser() {
  return {
    enabled: true,
    headless: true,
    provider: playwright({ launchOptions: chromiumLaunchOptions() }),
    instances: [{ browser: 'chromium' as const }],
    screenshotFailures: false,
    commands: browserCommands,
  }
}

const storybookFile = (name: string) => fileURLToPath(new URL(`./.storybook/${name}`, import.meta.url))

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['./test/support/setup-unit.ts'],
          restoreMocks: true,
          unstubGlobals: true,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts', 'test/docs/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser.test.{ts,tsx}'],
          setupFiles: ['./test/support/setup-browser.ts'],
          testTimeout: 20_000,
          browser: chromiumBrowser(),
        },
      },
      {
        extends: true,
        // Every story of .storybook/main.ts as a test: render, play function, then axe. Under Vitest, stories click
        // through Playwright (user-click.vitest.ts), so a click may open a tab as a user's does.
        plugins: [storybookTest({ configDir: '.storybook' })],
        resolve: {
          alias: [
            { find: /^(?:\.\.\/)+\.storybook\/user-click\.js$/, replacement: storybookFile('user-click.vitest.ts') },
          ],
        },
        test: {
          name: 'storybook',
          setupFiles: ['./.storybook/vitest.setup.ts'],
          testTimeout: 20_000,
          browser: chromiumBrowser(),
        },
      },
    ],
  },
})
