// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import { VendorError } from '../clients/vendorFetch.js'
import type { HandlerContext } from '../context.js'
import { missingPairRefusal } from '../dashboardIdentity.js'

function context() {
  const error = vi.fn()
  const handler = { options: { logger: { warn: vi.fn(), error } }, route: '/signed-url' } as unknown as HandlerContext
  return { handler, error }
}

const refused = (body: unknown) =>
  new VendorError('junctionManagement', 'create dashboard url', 'http', { status: 422, body })
const memberOnly = { member_id: '0f8fad5b-d9cb-469f-a165-70867728950e' }

describe('missingPairRefusal', () => {
  it('takes a 422 about the missing pair for the host configuration, and logs which pair', () => {
    const { handler, error } = context()
    const body = {
      detail: [{ loc: ['body'], msg: 'one of team_id or integration_team_id is required', type: 'value_error' }],
    }
    expect(missingPairRefusal(handler, refused(body), memberOnly)?.status).toBe(502)
    expect(
      missingPairRefusal(
        handler,
        refused({ detail: [{ loc: ['body', 'team_id'], msg: 'field required' }] }),
        memberOnly,
      )?.status,
    ).toBe(502)
    expect(error.mock.calls[0]?.[1]).toMatchObject({ missing: ['team'], option: 'authorizeDashboard' })
  })

  it('leaves any other 422 alone: naming nothing, another field, or with both pairs given', () => {
    const { handler, error } = context()
    expect(missingPairRefusal(handler, refused({ detail: 'Feature not enabled' }), memberOnly)).toBeNull()
    expect(missingPairRefusal(handler, refused({ detail: [] }), memberOnly)).toBeNull()
    expect(
      missingPairRefusal(handler, refused({ detail: [{ loc: ['body'], msg: 'feature is not enabled' }] }), memberOnly),
    ).toBeNull()
    expect(
      missingPairRefusal(handler, refused({ detail: [{ loc: ['body', 'feature'], msg: 'bad' }] }), memberOnly),
    ).toBeNull()
    const both = { ...memberOnly, integration_team_id: 'team-1' }
    expect(missingPairRefusal(handler, refused({ detail: 'one of team_id is required' }), both)).toBeNull()
    expect(error).not.toHaveBeenCalled()
  })
})
