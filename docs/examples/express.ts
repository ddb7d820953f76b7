// An Express 5 app: the handler is middleware and passes every other path on.
import { createEmbedHandler, toNodeHandler } from 'embedded-portals/server'
import express from 'express'

declare function userIdFromCookie(cookie: string | null): Promise<string | null>

const portals = createEmbedHandler({
  junction: { apiKey: process.env.JUNCTION_API_KEY ?? '' },
  userhub: { adminApiKey: process.env.USERHUB_ADMIN_KEY ?? '' },
  async resolveUser(request) {
    const userId = await userIdFromCookie(request.headers.get('cookie'))
    return userId ? { clientUserId: userId, userhubUserId: `${userId}@conn_main` } : null
  },
})

const app = express()
app.use(toNodeHandler(portals))
app.listen(3000)
