// app/api/portals/[...path]/route.ts — a Next.js App Router route handler.
import { createEmbedHandler } from 'embedded-portals/server'

// Your own session lookup (next-auth, Clerk, iron-session, …).
declare function getSession(request: Request): Promise<{ userId: string; canActFor(patientId: string): boolean } | null>

const handler = createEmbedHandler({
  basePath: '/api/portals',
  junction: { apiKey: process.env.JUNCTION_API_KEY ?? '', environment: 'sandbox' },
  async resolveUser(request, { subject }) {
    const session = await getSession(request)
    if (!session) return null
    // A clinician acting for a patient: the subject is the patient's id in your system.
    if (subject !== undefined && !session.canActFor(subject)) return null
    return { clientUserId: subject ?? session.userId }
  },
})

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT }
