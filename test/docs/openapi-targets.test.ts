import { describe, expect, it } from 'vitest'
import { validateTarget } from '../../src/server/targetValidation.js'
import { schemaProblems } from '../support/openapi-document.js'

// Where the handler and openapi.json could read one target two ways: `null` for an optional field, and the
// length of text outside the Basic Multilingual Plane. Both sides give the same verdict.

const EMOJI = '\u{1F9EA}'
const PORTAL = { kind: 'junction.user_portal', context: 'launch' }
const DASHBOARD = { kind: 'junction.dashboard', feature: 'team_panels', modality: 'link_out', environment: 'sandbox' }
const USERHUB = { kind: 'userhub.portal' }
const longUrl = (characters: number) => `https://app.example.com/${EMOJI.repeat(characters - 24)}`

const cases: [string, Record<string, unknown>][] = [
  ['a plain portal target', PORTAL],
  ['order_id: null', { ...PORTAL, order_id: null }],
  ['subject: null', { ...PORTAL, subject: null }],
  ['member_id: null', { ...DASHBOARD, member_id: null }],
  ['integration_team_id: null', { ...DASHBOARD, integration_team_id: null }],
  ['portal_url: null', { ...USERHUB, portal_url: null }],
  ['return_url: null', { ...USERHUB, return_url: null }],
  ['organization_id: null', { ...USERHUB, organization_id: null }],
  ['a subject of 256 emoji', { ...PORTAL, subject: EMOJI.repeat(256) }],
  ['a subject of 257 emoji', { ...PORTAL, subject: EMOJI.repeat(257) }],
  ['an integration_member_id of 256 emoji', { ...DASHBOARD, integration_member_id: EMOJI.repeat(256) }],
  ['an organization_id of 257 emoji', { ...USERHUB, organization_id: EMOJI.repeat(257) }],
  ['a return_url of 2048 characters with emoji', { ...USERHUB, return_url: longUrl(2048) }],
  ['a return_url of 2049 characters with emoji', { ...USERHUB, return_url: longUrl(2049) }],
]

describe('the handler and openapi.json read a target the same way', () => {
  it.each(cases)('%s: both accept it or both refuse it', (_, target) => {
    const schemaAccepts = schemaProblems('#/components/schemas/SignedUrlBody', { target }, 'body').length === 0
    const handlerAccepts = validateTarget(target).ok
    expect({ handlerAccepts, schemaAccepts }).toEqual({ handlerAccepts: schemaAccepts, schemaAccepts })
  })

  it('refuses every null field and every over-long text on both sides', () => {
    const refused = cases.filter(([, target]) => !validateTarget(target).ok).map(([name]) => name)
    expect(refused).toEqual([
      'order_id: null',
      'subject: null',
      'member_id: null',
      'integration_team_id: null',
      'portal_url: null',
      'return_url: null',
      'organization_id: null',
      'a subject of 257 emoji',
      'an organization_id of 257 emoji',
      'a return_url of 2049 characters with emoji',
    ])
  })
})
