// A Hono app (Node, Bun, Deno or Workers): hand the raw Request to the handler.
import { createEmbedHandler } from 'embedded-portals/server'
import { Hono } from 'hono'

declare function staffSession(request: Request): Promise<{ memberId: string; teamId: string } | null>

const portals = createEmbedHandler({
  junctionManagement: {
    managementKey: process.env.JUNCTION_MANAGEMENT_KEY ?? '',
    orgId: process.env.JUNCTION_ORG_ID ?? '',
  },
  resolveUser: async () => null,
  async authorizeDashboard(request, target) {
    const staff = await staffSession(request)
    if (!staff || target.environment !== 'production') return null
    return { integration_member_id: staff.memberId, integration_team_id: staff.teamId }
  },
})

const app = new Hono()
app.all('/api/portals/*', (c) => portals(c.req.raw))
export default app
