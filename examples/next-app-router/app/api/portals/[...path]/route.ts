// Every path under /api/portals: the endpoint the components call (signed URLs, demographics,
// Fast Launch's continuation). The one handler answers every method: it serves those its routes use,
// and answers HEAD and OPTIONS with the protocol's 405 (Next.js would otherwise answer them itself:
// OPTIONS with a 204, which the protocol forbids).
import { portalsHandler } from '@/lib/portals'

// Per request, never prerendered or cached: every answer depends on the session.
export const dynamic = 'force-dynamic'

export {
  portalsHandler as DELETE,
  portalsHandler as GET,
  portalsHandler as HEAD,
  portalsHandler as OPTIONS,
  portalsHandler as PATCH,
  portalsHandler as POST,
  portalsHandler as PUT,
}
