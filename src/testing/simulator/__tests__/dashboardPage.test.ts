// @vitest-environment node
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { createVendorSimulator } from '../simulator.js'
import type { JunctionDashboardClaims } from '../types.js'
import { call, openPage } from './helpers.js'

const BODY = {
  integration_member_id: 'dr-1',
  integration_team_id: 'clinic-1',
  modality: 'feature_embed',
  environment: 'sandbox',
}

async function dashboard(body: Record<string, string> = {}) {
  const simulator = createVendorSimulator()
  const created = await call<{ url: string }>(
    simulator,
    'management',
    'POST',
    `/v1/org/${simulator.orgId}/ehr_integration/create_dashboard_url`,
    { body: { ...BODY, feature: 'order_creation', ...body } },
  )
  const token = simulator.state.issuedTokens()[0] as JunctionDashboardClaims
  return { page: await openPage(simulator, created.body.url), messages: token.messages }
}

interface FakeElement {
  textContent: string
  listeners: (() => void)[]
  addEventListener(type: string, listener: () => void): void
}

/** Runs the page's script against a minimal DOM and records what it posts to `window.parent`. */
function runScript(html: string, where: { ancestorOrigins?: string[]; referrer?: string }) {
  const script = /<script nonce="[\w-]+">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? ''
  const elements = new Map<string, FakeElement>()
  const element = (id: string) => {
    let found = elements.get(id)
    if (!found) {
      const created: FakeElement = {
        textContent: '',
        listeners: [],
        addEventListener: (_type, listener) => created.listeners.push(listener),
      }
      elements.set(id, created)
      found = created
    }
    return found
  }
  const posted: { message: unknown; targetOrigin: string }[] = []
  runInNewContext(script, {
    URL,
    window: {
      parent: { postMessage: (message: unknown, targetOrigin: string) => posted.push({ message, targetOrigin }) },
    },
    location: where.ancestorOrigins ? { ancestorOrigins: where.ancestorOrigins } : {},
    document: { referrer: where.referrer ?? '', getElementById: element },
  })
  const click = (id: string) => {
    for (const listener of element(id).listeners) listener()
  }
  return {
    click,
    posted: () => JSON.parse(JSON.stringify(posted)),
    status: () => element('dashboard-status').textContent,
  }
}

describe('pages: the Junction Dashboard (feature_embed)', () => {
  it('shows the feature, both buttons and a nonce script that posts to an explicit target origin', async () => {
    const { page } = await dashboard()
    expect(page.status).toBe(200)
    expect(page.html).toContain('<title>Junction Dashboard — order_creation</title>')
    expect(page.html).toContain('<h1>Junction Dashboard — order_creation</h1>')
    expect(page.html).toContain('<button type="button" id="create-order">Create order</button>')
    expect(page.html).toContain('<button type="button" id="cancel-order">Cancel order creation</button>')
    const csp = page.headers.get('content-security-policy') ?? ''
    const nonce = /script-src 'nonce-([\w-]+)'/.exec(csp)?.[1]
    expect(page.html).toContain(`<script nonce="${nonce}">`)
    expect(csp).not.toContain('frame-ancestors')
    expect(page.html).toContain('location.ancestorOrigins?.[0]')
    expect(page.html).toContain('new URL(document.referrer).origin')
    expect(page.html).toContain('window.parent.postMessage({ type, data }, targetOrigin)')
    expect(page.html).not.toContain("'*'")
    expect(page.html).not.toMatch(/\b(?:src|href)=/)
  })

  it('posts order created and cancelled to the first ancestor origin', async () => {
    const { page, messages } = await dashboard()
    const frame = runScript(page.html, {
      ancestorOrigins: ['https://ehr.example.com'],
      referrer: 'https://other.example/x',
    })
    frame.click('create-order')
    frame.click('cancel-order')
    expect(frame.posted()).toEqual([
      {
        message: { type: 'urn:junction:order:created', data: messages.created },
        targetOrigin: 'https://ehr.example.com',
      },
      {
        message: {
          type: 'urn:junction:order:creation_cancelled',
          data: { user_id: null, team_id: messages.created.team_id },
        },
        targetOrigin: 'https://ehr.example.com',
      },
    ])
  })

  it('falls back to the origin of the referrer (never its path)', async () => {
    const { page } = await dashboard()
    const frame = runScript(page.html, { referrer: 'https://ehr.example.com/patients/42?tab=orders' })
    frame.click('create-order')
    expect(frame.posted()).toEqual([expect.objectContaining({ targetOrigin: 'https://ehr.example.com' })])
  })

  it('posts nothing when the parent origin is unknown, and says so', async () => {
    const { page } = await dashboard()
    const frame = runScript(page.html, {})
    frame.click('create-order')
    expect(frame.posted()).toEqual([])
    expect(frame.status()).toContain('no message was sent')
  })

  it('escapes the feature, and has no buttons for link_out', async () => {
    const escaped = await dashboard({ feature: 'team_<b>panels</b>' })
    expect(escaped.page.html).toContain('<h1>Junction Dashboard — team_&lt;b&gt;panels&lt;/b&gt;</h1>')
    const linkOut = await dashboard({ modality: 'link_out', feature: 'team_panels' })
    expect(linkOut.page.status).toBe(200)
    expect(linkOut.page.html).toContain('<h1>Junction Dashboard — team_panels</h1>')
    expect(linkOut.page.html).not.toContain('<button')
    expect(linkOut.page.html).not.toContain('<script')
  })
})
