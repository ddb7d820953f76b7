import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin, type ViteDevServer } from 'vite'

/**
 * `npm run dev`: the demo host application, with the host's endpoint (`/api/portals`, served by
 * `createEmbedHandler` through `toNodeHandler`) mounted on the dev server itself.
 */
function embedBackend(): Plugin {
  let backend: Promise<import('./server/demoBackend.js').DemoBackend> | undefined
  return {
    name: 'embedded-portals-demo-backend',
    configureServer(server: ViteDevServer) {
      const load = (path: string) => server.ssrLoadModule(fileURLToPath(new URL(path, import.meta.url)))
      // The backend needs the page's own origin (where billing may return to): known once the port is.
      const listening = new Promise<string>((resolve) => {
        server.httpServer?.once('listening', () => {
          const address = server.httpServer?.address()
          resolve(typeof address === 'object' && address ? String(address.port) : '5173')
        })
      })
      backend = listening.then(async (port) => {
        const demo = (await load('./server/demoBackend.ts')) as typeof import('./server/demoBackend.js')
        const started = await demo.startDemoBackend({
          hostOrigins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
          launchExpiresIn: process.env.DEMO_LAUNCH_EXPIRES_IN ? Number(process.env.DEMO_LAUNCH_EXPIRES_IN) : undefined,
        })
        server.httpServer?.once('close', () => void started.close())
        server.config.logger.info(
          started.mode === 'simulator'
            ? `  embedded-portals demo: vendor simulator at ${started.simulatorUrl} (no keys needed)`
            : '  embedded-portals demo: talking to the real vendors (keys from the environment)',
        )
        return started
      })
      const serve = Promise.all([backend, load('../src/server/node.ts')]).then(([started, node]) =>
        (node as typeof import('../src/server/node.js')).toNodeHandler(started.handler),
      )
      server.middlewares.use((request, response, next) => {
        void serve.then((handle) => handle(request, response, next), next)
      })
    },
    // The Admin tab's portal, as a host page would know it (from its own records).
    async transformIndexHtml(html) {
      const portalId = (await backend)?.portalId
      if (!portalId) return html
      return html.replace(
        '</head>',
        `<meta name="demo-portal-id" content="${encodeURIComponent(portalId)}" />\n</head>`,
      )
    },
    async buildEnd() {
      await (await backend)?.close()
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
