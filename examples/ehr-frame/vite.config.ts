import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The client, served by the Hono server (server/app.js) from dist/. `npm run build:dev` (mode development)
// keeps React's and embedded-portals' development texts: each error's `detail` is printed in the console,
// saying what to change. `npm run build` drops them.
export default defineConfig(({ mode }) => ({
  plugins: [react()],
  resolve: {
    // One copy of React and react-query, also when embedded-portals is linked from outside this folder.
    dedupe: ['react', 'react-dom', '@tanstack/react-query'],
  },
  // `vite build` replaces process.env.NODE_ENV with "production" in every mode, unless told otherwise.
  define: mode === 'development' ? { 'process.env.NODE_ENV': JSON.stringify('development') } : {},
  build: { chunkSizeWarningLimit: 2048 },
}))
