import type { JunctionPortalClaims } from '../types.js'
import { facts, htmlPage } from './document.js'

/** The Junction User Portal stub: what the patient would see after a launch or a link from a message. */
export function portalPage(claims: JunctionPortalClaims): Response {
  const rows: [string, string][] = [
    ['Context', claims.context],
    ['User', claims.user_id],
  ]
  if (claims.order_id !== null) rows.push(['Order', claims.order_id])
  const intro =
    claims.context === 'communications'
      ? 'You opened a link sent to you by email or text message.'
      : 'You were signed in from your care provider’s app.'
  return htmlPage({
    title: 'Junction User Portal',
    frameable: false,
    body: `<h1>Junction User Portal</h1>
<p>${intro}</p>
${facts(rows)}
${claims.order_id === null ? '<p>Schedule a lab appointment, track your orders and download requisitions.</p>' : '<p>This page shows one order: its tests, fasting requirements and requisition.</p>'}`,
  })
}
