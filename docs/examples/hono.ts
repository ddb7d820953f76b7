// A Hono app (Node, Bun, Deno or Workers): hand the raw Request to the handler.
import { createEmbedHandler, type ResolvedUser } from 'embedded-portals/server'
import { Hono } from 'hono'

interface Staff extends ResolvedUser {
  memberId: string
  teamId: string
  mayOrderTests: boolean
}

declare function staffSession(request: Request): Promise<Staff | null>

const FEATURES: ReadonlySet<string> = new Set(['order_creation', 'team_panels'])
const ENVIRONMENT = process.env.JUNCTION_ENVIRONMENT === 'production' ? 'production' : 'sandbox'

const portals = createEmbedHandler({
  junctionManagement: {
    managementKey: process.env.JUNCTION_MANAGEMENT_KEY ?? '',
    orgId: process.env.JUNCTION_ORG_ID ?? '',
  },
  resolveUser: (request) => staffSession(request),
  authorize(_request, { action, user }) {
    // This server serves dashboards only: known features, one environment, staff allowed to order.
    if (action.type !== 'signed-url' || action.target.kind !== 'junction.dashboard') return false
    const { feature, environment, member_id, integration_member_id, team_id, integration_team_id } = action.target
    const idsFromBrowser = [member_id, integration_member_id, team_id, integration_team_id]
    return (
      user.mayOrderTests &&
      FEATURES.has(feature) &&
      environment === ENVIRONMENT &&
      idsFromBrowser.every((id) => id === undefined)
    )
  },
  // The member and team come from the session, never from the browser.
  authorizeDashboard: (_request, _target, user) => ({
    integration_member_id: user.memberId,
    integration_team_id: user.teamId,
  }),
})

const app = new Hono()
app.all('/api/portals/*', (c) => portals(c.req.raw))
export default app
