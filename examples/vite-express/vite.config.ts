import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The client. In development, Vite's dev server proxies /api to the Express API (server/dev.js starts
// both and sets API_ORIGIN; `npx vite` alone expects the API on 127.0.0.1:3001).
export default defineConfig({
  plugins: [react()],
  resolve: {
    // One copy of React and react-query, also when embedded-portals is linked from outside this folder.
    dedupe: ['react', 'react-dom', '@tanstack/react-query'],
  },
  server: {
    proxy: {
      // Without `changeOrigin`: the API receives the browser's own Host (localhost:5173), so the portals
      // handler's cross-site check, which compares the Origin header with the request's origin, sees a
      // same-origin request. With `changeOrigin: true` the Host would become the API's, and every POST and
      // PUT would be refused with 403 unless the dev server's exact origin were in the server's allowedOrigins.
      '/api': { target: process.env.API_ORIGIN ?? 'http://127.0.0.1:3001' },
    },
  },
})
