import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const root = import.meta.dirname

const external = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  '@tanstack/react-query',
  /^msw(\/.*)?$/,
  /^node:/,
]

/** Library build: four ESM entries (and the simulator's and the conformance check's command lines), peers external; the client entry's `'use client'` is kept by the bundler. */
/** The optional stylesheet, shipped as `embedded-portals/styles.css` (nothing imports it). */
const stylesheet = {
  name: 'embedded-portals-stylesheet',
  generateBundle(this: { emitFile: (file: { type: 'asset'; fileName: string; source: string }) => string }) {
    this.emitFile({
      type: 'asset',
      fileName: 'styles.css',
      source: readFileSync(resolve(root, 'src/styles/embedded-portals.css'), 'utf8'),
    })
  },
}

export default defineConfig({
  plugins: [react(), stylesheet],
  publicDir: false,
  build: {
    copyPublicDir: false,
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    sourcemap: false,
    lib: {
      entry: {
        index: resolve(root, 'src/index.ts'),
        server: resolve(root, 'src/server/index.ts'),
        'server/node': resolve(root, 'src/server/node.ts'),
        testing: resolve(root, 'src/testing/index.ts'),
        'simulator-cli': resolve(root, 'src/testing/simulator/cli.ts'),
        'conformance-cli': resolve(root, 'src/conformance/cli.ts'),
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external,
      // Constants stay imports: inlined ones leave bare `import "./x.js"` lines, which bundlers warn about.
      optimization: { inlineConst: false },
      output: {
        // One file per source module: a host's bundler drops whole modules a page does not use.
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
      },
    },
  },
})
