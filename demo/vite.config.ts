import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin, type ViteDevServer } from 'vite'

/**
 * `npm run dev`: the demo host application, with the host's endpoint (`/api/portals`, served by
 * `createEmbedHandler` through `toNodeHandler`) mounted on the dev server itself.
 */
function embedBackend(): Plugin {
  let close: (() => Promise<void>) | undefined
  let portalId: string | undefined
  return {
    name: 'embedded-portals-demo-backend',
    async configureServer(server: ViteDevServer) {
      const load = (path: string) => server.ssrLoadModule(fileURLToPath(new URL(path, import.meta.url)))
      const backend = (await load('./server/demoBackend.ts')) as typeof import('./server/demoBackend.js')
      const { toNodeHandler } = (await load('../src/server/node.ts')) as typeof import('../src/server/node.js')
      const started = await backend.startDemoBackend({
        launchExpiresIn: process.env.DEMO_LAUNCH_EXPIRES_IN ? Number(process.env.DEMO_LAUNCH_EXPIRES_IN) : undefined,
      })
      close = started.close
      portalId = started.portalId
      server.httpServer?.once('close', () => void started.close())
      server.middlewares.use(toNodeHandler(started.handler))
      server.config.logger.info(
        started.mode === 'simulator'
          ? `  embedded-portals demo: vendor simulator at ${started.simulatorUrl} (no keys needed)`
          : '  embedded-portals demo: talking to the real vendors (keys from the environment)',
      )
    },
    // The Admin tab's portal, as a host page would know it (from its own records).
    transformIndexHtml(html) {
      if (!portalId) return html
      return html.replace(
        '</head>',
        `<meta name="demo-portal-id" content="${encodeURIComponent(portalId)}" />\n</head>`,
      )
    },
    async buildEnd() {
      await close?.()
    },
  }
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: fileURLToPath(new URL('../public', import.meta.url)),
  plugins: [react(), embedBackend()],
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  // Known up front, so that the first visit does not discover them and reload the page.
  optimizeDeps: {
    include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', '@tanstack/react-query'],
  },
  logLevel: 'info',
})
