// Every path under /api/portals: the endpoint the components call (signed URLs, demographics,
// Fast Launch's continuation). The one handler serves each method its routes use.
import { portalsHandler } from '@/lib/portals'

// Per request, never prerendered or cached: every answer depends on the session.
export const dynamic = 'force-dynamic'

export {
  portalsHandler as DELETE,
  portalsHandler as GET,
  portalsHandler as PATCH,
  portalsHandler as POST,
  portalsHandler as PUT,
}
