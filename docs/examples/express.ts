// An Express 5 app: the handler is middleware and passes every other path on.
import { createEmbedHandler, toNodeHandler } from 'embedded-portals/server'
import express from 'express'

declare function userIdFromCookie(cookie: string | null): Promise<string | null>

const portals = createEmbedHandler({
  junction: { apiKey: process.env.JUNCTION_API_KEY ?? '' },
  userhub: { adminApiKey: process.env.USERHUB_ADMIN_KEY ?? '' },
  // The only origin UserHub's return_url and success_url may point to: this app's own.
  allowedOrigins: ['https://app.example.com'],
  async resolveUser(request) {
    const userId = await userIdFromCookie(request.headers.get('cookie'))
    return userId ? { clientUserId: userId, userhubUserId: `${userId}@conn_main` } : null
  },
  // No `authorize`: defaultAuthorize lets each user open their own portal and billing, and nothing else.
})

const app = express()
// Before any body parser. Behind a TLS-terminating proxy: toNodeHandler(portals, { trustProxy: true }).
app.use(toNodeHandler(portals))
app.listen(3000)
