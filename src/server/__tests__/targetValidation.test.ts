// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { validateTarget } from '../targetValidation.js'

const ORDER_ID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b'
const MEMBER_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'
const PORTAL = { kind: 'junction.user_portal', context: 'launch' }
const DASHBOARD = {
  kind: 'junction.dashboard',
  feature: 'order_creation',
  modality: 'link_out',
  environment: 'sandbox',
}
const USERHUB = { kind: 'userhub.portal' }

/** The refused field paths, or `[]` when the target is valid. */
function refusedPaths(input: unknown): string[] {
  const result = validateTarget(input)
  return result.ok ? [] : result.fields.map((field) => field.path)
}

describe('validateTarget', () => {
  it.each([
    [{ ...PORTAL }],
    [{ ...PORTAL, context: 'communications', order_id: ORDER_ID, subject: 'patient-42' }],
    [{ ...PORTAL, order_id: ORDER_ID.toUpperCase() }],
    [{ ...DASHBOARD }],
    [{ ...DASHBOARD, feature: 'order_creation:panel-1.v2', modality: 'feature_embed', environment: 'production' }],
    [{ ...DASHBOARD, feature: 'team_panels', member_id: MEMBER_ID, integration_team_id: 'team 7' }],
    [{ ...DASHBOARD, feature: 'order:ABC_123', integration_member_id: 'ehr-member-9', team_id: MEMBER_ID }],
    [{ ...USERHUB }],
    [{ ...USERHUB, portal_url: '/acct_1/plans', return_url: 'https://app.example.com/billing' }],
    [{ ...USERHUB, portal_url: 'https://portal.userhub.com/acct_1', success_url: 'http://localhost:3000/done' }],
    [{ ...USERHUB, organization_id: 'org_1' }],
  ])('accepts the valid target %j unchanged', (input) => {
    expect(validateTarget(input)).toEqual({ ok: true, target: input })
  })

  it('drops undefined optional fields', () => {
    const result = validateTarget({ ...PORTAL, order_id: undefined, subject: undefined })
    expect(result).toEqual({ ok: true, target: { kind: 'junction.user_portal', context: 'launch' } })
    expect(result.ok && Object.keys(result.target)).toEqual(['kind', 'context'])
    const hub = validateTarget({ ...USERHUB, portal_url: undefined, organization_id: 'org_1' })
    expect(hub.ok && Object.keys(hub.target)).toEqual(['kind', 'organization_id'])
  })

  it('refuses an optional field sent as null, naming it once, as the JSON Schema does', () => {
    expect(validateTarget({ ...PORTAL, order_id: null, subject: null })).toEqual({
      ok: false,
      fields: [
        { path: 'order_id', message: 'must be left out rather than null' },
        { path: 'subject', message: 'must be left out rather than null' },
      ],
    })
    expect(refusedPaths({ ...USERHUB, portal_url: null, return_url: null, organization_id: null })).toEqual([
      'portal_url',
      'return_url',
      'organization_id',
    ])
    expect(refusedPaths({ ...DASHBOARD, member_id: null, integration_member_id: 'm-1' })).toEqual(['member_id'])
  })

  it('counts lengths in code points, as JSON Schema does: 256 emoji are a valid subject, 257 are not', () => {
    const emoji = '\u{1F9EA}'
    expect(refusedPaths({ ...PORTAL, subject: emoji.repeat(256) })).toEqual([])
    expect(refusedPaths({ ...PORTAL, subject: emoji.repeat(257) })).toEqual(['subject'])
    const url = `https://app.example.com/${emoji.repeat(2048 - 24)}`
    expect(refusedPaths({ ...USERHUB, return_url: url })).toEqual([])
    expect(refusedPaths({ ...USERHUB, return_url: `${url}a` })).toEqual(['return_url'])
  })

  it('returns a copy, not the input', () => {
    const input = { ...PORTAL }
    const result = validateTarget(input)
    expect(result.ok && result.target).not.toBe(input)
  })

  it.each([null, undefined, 'junction.user_portal', 42, [PORTAL]])('refuses the non-object %j', (input) => {
    expect(refusedPaths(input)).toEqual([''])
  })

  it.each([
    [{ kind: 'junction.unknown', context: 'launch' }],
    [{ kind: 'toString' }],
    [{ kind: '__proto__' }],
    [{ context: 'launch' }],
    [{ kind: 7 }],
  ])('refuses the unknown kind of %j', (input) => {
    expect(refusedPaths(input)).toEqual(['kind'])
  })

  it.each([
    [{ ...PORTAL, orderId: ORDER_ID }, 'orderId'],
    [{ ...PORTAL, feature: 'order_creation' }, 'feature'],
    [{ ...DASHBOARD, subject: 'p-1' }, 'subject'],
    [{ ...USERHUB, url: 'https://evil.com' }, 'url'],
    [JSON.parse('{"kind":"userhub.portal","__proto__":{"admin":true}}'), '__proto__'],
  ])('refuses the unknown key of %j by its name', (input, key) => {
    expect(refusedPaths(input)).toEqual([key])
  })

  it.each([
    [{ kind: 'junction.user_portal' }],
    [{ ...PORTAL, context: 'LAUNCH' }],
    [{ ...PORTAL, context: 'admin' }],
    [{ ...PORTAL, context: null }],
  ])('refuses the context of %j', (input) => {
    expect(refusedPaths(input)).toEqual(['context'])
  })

  it.each([['not-a-uuid'], [`${ORDER_ID}x`], [ORDER_ID.replaceAll('-', '')], [`{${ORDER_ID}}`], [''], [42]])(
    'refuses the order_id %j',
    (orderId) => {
      expect(refusedPaths({ ...PORTAL, order_id: orderId })).toEqual(['order_id'])
    },
  )

  it.each(['subject', 'integration_member_id', 'integration_team_id', 'organization_id'])(
    'refuses a %s of 257 characters and accepts one of 256',
    (key) => {
      const base = key === 'subject' ? PORTAL : key === 'organization_id' ? USERHUB : DASHBOARD
      expect(refusedPaths({ ...base, [key]: 'x'.repeat(257) })).toEqual([key])
      expect(refusedPaths({ ...base, [key]: 'x'.repeat(256) })).toEqual([])
    },
  )

  it.each(['\u0000', '\n', '\t', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029'])(
    'refuses an id containing the control character %j',
    (char) => {
      expect(refusedPaths({ ...PORTAL, subject: `patient${char}42` })).toEqual(['subject'])
      expect(refusedPaths({ ...DASHBOARD, integration_member_id: `m${char}` })).toEqual(['integration_member_id'])
      expect(refusedPaths({ ...USERHUB, organization_id: `${char}org` })).toEqual(['organization_id'])
    },
  )

  it('refuses both member_id and integration_member_id, and both team ids', () => {
    const members = { ...DASHBOARD, member_id: MEMBER_ID, integration_member_id: 'm-1' }
    expect(refusedPaths(members)).toEqual(['integration_member_id'])
    const teams = { ...DASHBOARD, team_id: MEMBER_ID, integration_team_id: 't-1' }
    expect(refusedPaths(teams)).toEqual(['integration_team_id'])
  })

  it('accepts one of each pair when the other is left out', () => {
    expect(refusedPaths({ ...DASHBOARD, member_id: undefined, integration_member_id: 'm-1' })).toEqual([])
    expect(refusedPaths({ ...DASHBOARD, team_id: MEMBER_ID, integration_team_id: undefined })).toEqual([])
  })

  it('refuses a member_id or team_id that is not a uuid', () => {
    expect(refusedPaths({ ...DASHBOARD, member_id: 'm-1', team_id: 't-1' })).toEqual(['member_id', 'team_id'])
  })

  it.each([
    'order creation',
    'Order_creation',
    'ORDER_CREATION',
    '',
    '1order',
    '_order',
    'order_creation:',
    'order:a b',
    'order:a/b',
    'order_creation:x:y',
    `order_creation:${'x'.repeat(256)}`,
    42,
    null,
  ])('refuses the feature slug %j', (feature) => {
    expect(refusedPaths({ ...DASHBOARD, feature })).toEqual(['feature'])
  })

  it('refuses a missing or unknown modality and environment', () => {
    const { modality: _m, ...noModality } = DASHBOARD
    expect(refusedPaths(noModality)).toEqual(['modality'])
    expect(refusedPaths({ ...DASHBOARD, modality: 'popup', environment: 'staging' })).toEqual([
      'modality',
      'environment',
    ])
  })

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,x',
    'ftp://example.com',
    '/relative/path',
    'relative/path',
    '//evil.com',
    'https://user:pw@evil.com',
    'https://user@evil.com',
    'https://@evil.com',
    'https://ex\nample.com',
    '',
    `https://example.com/${'x'.repeat(2048)}`,
    42,
  ])('refuses the return_url and success_url %j', (url) => {
    expect(refusedPaths({ ...USERHUB, return_url: url, success_url: url })).toEqual(['return_url', 'success_url'])
  })

  it.each([
    '//evil.com',
    '//evil.com/acct_1/plans',
    '/\\evil.com',
    '\\\\evil.com',
    'acct_1/plans',
    'javascript:alert(1)',
    'https://user:pw@evil.com',
    '/acct\u0000/plans',
  ])('refuses the portal_url %j', (url) => {
    expect(refusedPaths({ ...USERHUB, portal_url: url })).toEqual(['portal_url'])
  })

  it('reports every refused field at once', () => {
    const input = { kind: 'junction.dashboard', feature: 'Bad Slug', modality: 'x', environment: 'y', extra: 1 }
    expect(refusedPaths(input)).toEqual(['extra', 'feature', 'modality', 'environment'])
  })

  it.each([
    ['return_url', 'https://app.example.com:443\\@evil.net/'],
    ['success_url', 'https://app.example.com\\evil'],
    ['portal_url', '/acct_1\\plans'],
    ['portal_url', 'https://billing.example.com\\@evil.net/'],
  ])('refuses a backslash in %s (%s), which parsers read in two ways', (key, value) => {
    const result = validateTarget({ ...USERHUB, [key]: value })
    expect(result).toEqual({ ok: false, fields: [{ path: key, message: 'must not contain a backslash' }] })
  })

  it('returns absolute URLs normalised, as they were checked, and paths as given', () => {
    const result = validateTarget({
      ...USERHUB,
      portal_url: '/acct_1/plans',
      return_url: 'HTTPS://App.Example.COM:443/billing/../settings',
      success_url: 'https://app.example.com',
    })
    expect(result).toEqual({
      ok: true,
      target: {
        ...USERHUB,
        portal_url: '/acct_1/plans',
        return_url: 'https://app.example.com/settings',
        success_url: 'https://app.example.com/',
      },
    })
  })
})
