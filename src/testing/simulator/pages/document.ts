import { base64UrlEncode } from '../base64url.js'
import { randomBytes } from '../ids.js'

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** JSON that is safe inside a `<script>` element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

const CSS = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1f; background: #fafafa; }
main { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; }
dt { font-weight: 600; }
dd { margin: 0 0 0.5rem; font-family: ui-monospace, monospace; }
button { font: inherit; padding: 0.5rem 1rem; margin-right: 0.5rem; }
`

export interface PageContent {
  status?: number | undefined
  title: string
  /** Trusted HTML (every interpolated value already escaped). */
  body: string
  /** Inline script, allowed by the page's nonce. */
  script?: string | undefined
  /** Whether other sites may frame the page (only the dashboard, which `feature_embed` puts in an iframe). */
  frameable: boolean
}

/** A small self-contained HTML document: no external resources, inline code only by nonce. */
export function htmlPage(content: PageContent): Response {
  const nonce = base64UrlEncode(randomBytes(16))
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
    ...(content.frameable ? [] : ["frame-ancestors 'none'"]),
  ].join('; ')
  const script = content.script === undefined ? '' : `\n<script nonce="${nonce}">${content.script}</script>`
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
<style nonce="${nonce}">${CSS}</style>
</head>
<body>
<main>
${content.body}
</main>${script}
</body>
</html>
`
  return new Response(html, {
    status: content.status ?? 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    },
  })
}

/** A definition list of label → value (values escaped). */
export function facts(rows: readonly (readonly [string, string])[]): string {
  const items = rows.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
  return `<dl>${items.join('')}</dl>`
}
