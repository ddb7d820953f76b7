import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { browserCommands } from './test/browser/commands.ts'
import { pythonCommands } from './test/browser/python-commands.ts'
import { chromiumLaunchOptions } from './test/support/chromium.ts'

/** A fresh `browser` object per project: Vitest projects that share one fail. */
function chromiumBrowser() {
  return {
    enabled: true,
    headless: true,
    provider: playwright({ launchOptions: chromiumLaunchOptions() }),
    instances: [{ browser: 'chromium' as const }],
    screenshotFailures: false,
    // Node-side commands; the Python one is kept out of commands.ts, which browser tests import for its constants.
    commands: { ...browserCommands, ...pythonCommands },
  }
}

const storybookFile = (name: string) => fileURLToPath(new URL(`./.storybook/${name}`, import.meta.url))

/** The unit tests' options, shared by the `unit` (React 19) and `unit-react18` projects. */
function unitTestOptions(name: string) {
  return {
    name,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./test/support/setup-unit.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  }
}

// React 18.3 for the `unit-react18` project. It is installed in test/react18/deps/node_modules by the root's
// `embedded-portals-react18-deps` devDependency, not at the root under npm aliases: npm refuses react-dom 18 beside
// react 19 (its peer), and Node, which loads react-dom, must find react 18 beside it. Each entry point is resolved
// as Node resolves it from there (so `react-dom/server` is server.node.js, as on React 19).
const react18 = createRequire(new URL('./test/react18/deps/package.json', import.meta.url))
const react18Entries = [
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-dom/client',
  'react-dom/server',
  'react-dom/test-utils',
]
/** Where Node finds `id` for test/react18/deps; before `npm install`, a path that fails only in unit-react18. */
function resolveReact18(id: string) {
  try {
    return react18.resolve(id)
  } catch {
    return fileURLToPath(new URL(`./test/react18/deps/node_modules/${id}`, import.meta.url))
  }
}
const react18Aliases = [
  ...react18Entries.map((id) => ({ find: new RegExp(`^${id}$`), replacement: resolveReact18(id) })),
  // Testing Library's `main` is CommonJS, which Node would load with its own require('react') (React 19): its ES
  // build is inlined instead (test.server.deps.inline below), so its imports of react and react-dom get the aliases.
  {
    find: /^@testing-library\/react$/,
    replacement: fileURLToPath(
      new URL('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js', import.meta.url),
    ),
  },
]

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: unitTestOptions('unit'),
      },
      {
        extends: true,
        // The same unit tests once more on React 18.3: the peer range says react >=18. Libraries that import
        // React are inlined so the aliases apply inside them too; an externalized one would load React 19.
        resolve: { alias: react18Aliases },
        test: {
          ...unitTestOptions('unit-react18'),
          include: ['src/**/*.test.{ts,tsx}', 'test/react18/**/*.test.{ts,tsx}'],
          server: { deps: { inline: ['@testing-library/react', '@tanstack/react-query'] } },
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
