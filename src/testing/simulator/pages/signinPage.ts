import type { UserhubSigninClaims } from '../types.js'
import { escapeHtml, facts, htmlPage } from './document.js'

/** The UserHub billing portal stub behind a `redirectUrl`. */
export function signinPage(claims: UserhubSigninClaims): Response {
  const rows: [string, string][] = [
    ['User', claims.user_id],
    ['Account', claims.account_id],
    ['Page', claims.portal_url],
  ]
  if (claims.organization_id !== null) rows.push(['Organization', claims.organization_id])
  const back = claims.return_url === null ? '' : `\n<p><a href="${escapeHtml(claims.return_url)}">Return to app</a></p>`
  return htmlPage({
    title: 'Billing portal',
    frameable: false,
    body: `<h1>Billing portal</h1>
<p>Manage your plan, payment methods and invoices.</p>
${facts(rows)}${back}`,
  })
}
