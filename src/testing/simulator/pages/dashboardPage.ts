import type { JunctionDashboardClaims } from '../types.js'
import { escapeHtml, facts, htmlPage, scriptJson } from './document.js'

/**
 * Posts Junction's order messages to the parent window, to an explicit target origin resolved as the real
 * dashboard does: the first ancestor origin, else the origin of the referrer; nothing when neither is known.
 */
function dashboardScript(messages: JunctionDashboardClaims['messages']): string {
  return `
(() => {
  const messages = ${scriptJson(messages)};
  const status = document.getElementById('dashboard-status');
  function parentOrigin() {
    const ancestor = location.ancestorOrigins?.[0];
    if (ancestor) return ancestor;
    if (!document.referrer) return null;
    try {
      const origin = new URL(document.referrer).origin;
      return origin === 'null' ? null : origin;
    } catch {
      return null;
    }
  }
  function post(type, data) {
    const targetOrigin = parentOrigin();
    if (targetOrigin === null) {
      status.textContent = 'The embedding page is unknown: no message was sent.';
      return;
    }
    window.parent.postMessage({ type, data }, targetOrigin);
    status.textContent = 'Sent ' + type + '.';
  }
  document.getElementById('create-order').addEventListener('click', () => {
    post('urn:junction:order:created', messages.created);
  });
  document.getElementById('cancel-order').addEventListener('click', () => {
    post('urn:junction:order:creation_cancelled', messages.cancelled);
  });
})();
`
}

/** The Junction Dashboard stub, locked to one feature. */
export function dashboardPage(claims: JunctionDashboardClaims): Response {
  const title = `Junction Dashboard — ${claims.feature}`
  const rows: [string, string][] = [
    ['Feature', claims.feature],
    ['Modality', claims.modality],
    ['Environment', claims.environment],
  ]
  if (claims.modality === 'link_out') {
    return htmlPage({
      title,
      frameable: true,
      body: `<h1>${escapeHtml(title)}</h1>\n${facts(rows)}\n<p>Opened in its own tab.</p>`,
    })
  }
  return htmlPage({
    title,
    frameable: true,
    body: `<h1>${escapeHtml(title)}</h1>
${facts(rows)}
<p><label for="order-notes">Order notes</label><br><textarea id="order-notes" rows="3" cols="40"></textarea></p>
<p>
<button type="button" id="create-order">Create order</button>
<button type="button" id="cancel-order">Cancel order creation</button>
</p>
<p id="dashboard-status" role="status"></p>`,
    script: dashboardScript(claims.messages),
  })
}
