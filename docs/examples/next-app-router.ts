// app/api/portals/[...path]/route.ts — a Next.js App Router route handler.
import { createEmbedHandler, defaultAuthorize } from 'embedded-portals/server'

// Your own session lookup (next-auth, Clerk, iron-session, …).
declare function getSession(
  request: Request,
): Promise<{ staffId: string; role: 'clinician' | 'reception'; patientIds: ReadonlySet<string> } | null>

const handler = createEmbedHandler({
  basePath: '/api/portals',
  junction: { apiKey: process.env.JUNCTION_API_KEY ?? '', environment: 'sandbox' },
  async resolveUser(request, { subject }) {
    const session = await getSession(request)
    if (!session) return null
    // Staff and patients are different people: their Junction users must never share an id.
    const clientUserId = subject === undefined ? `staff:${session.staffId}` : `patient:${subject}`
    return { clientUserId, role: session.role, patientIds: session.patientIds }
  },
  authorize(request, context) {
    const { action, user } = context
    const mayActFor = (patientId: string) => user.role === 'clinician' && user.patientIds.has(patientId)
    if (action.type === 'signed-url' && action.target.kind === 'junction.user_portal') {
      const { subject, context: portalContext, order_id } = action.target
      // For a patient: open the portal now; no 14-day link to send, no order deep link.
      if (subject !== undefined) return mayActFor(subject) && portalContext === 'launch' && order_id === undefined
    }
    if (action.type === 'demographics.read' || action.type === 'demographics.write') {
      if (action.subject !== undefined) return mayActFor(action.subject)
    }
    return defaultAuthorize(request, context)
  },
})

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT }
