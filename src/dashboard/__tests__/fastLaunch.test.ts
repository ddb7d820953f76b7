import { describe, expect, it } from 'vitest'
import { EmbedError } from '../../core/errors.js'
import { fastLaunchUrl, junctionDashboardOrigin } from '../fastLaunch.js'

describe('Fast Launch', () => {
  it('builds the organisation origin from its slug, and refuses what is not a DNS label', () => {
    expect(junctionDashboardOrigin('acme-health')).toBe('https://acme-health.ehr.junction.com')
    for (const slug of ['', 'Acme', 'acme.evil.com', 'acme/', '-acme', 'a'.repeat(64), 'acme@evil']) {
      expect(() => junctionDashboardOrigin(slug)).toThrow(EmbedError)
    }
  })

  it('puts the target in the query, encoded, and leaves absent ids out', () => {
    const url = new URL(
      fastLaunchUrl('https://acme.ehr.junction.com', {
        kind: 'junction.dashboard',
        feature: 'order_creation',
        modality: 'feature_embed',
        environment: 'sandbox',
        integration_member_id: 'patient 42&x=1',
        team_id: '33333333-3333-4333-8333-333333333333',
      }),
    )
    expect(url.origin + url.pathname).toBe('https://acme.ehr.junction.com/auth/launch')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      integration_member_id: 'patient 42&x=1',
      team_id: '33333333-3333-4333-8333-333333333333',
      modality: 'feature_embed',
      feature: 'order_creation',
      environment: 'sandbox',
    })
  })
})
