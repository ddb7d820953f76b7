import { act, renderHook } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { COMPLETE_DEMOGRAPHICS } from '../../../test/support/fixtures.js'
import { server } from '../../../test/support/msw-server.js'
import { advance, settle, setupEndpoint, setVisibility, useFakeClock } from '../../../test/support/signed-url.js'
import { useSignedUrl } from '../../signedUrl/useSignedUrl.js'
import { useDemographics } from '../useDemographics.js'

beforeEach(() => {
  useFakeClock()
})

describe('useDemographics: a save asks again for the URLs it may unblock', () => {
  it('refetches the saved subject’s portal and the dashboards, not another patient’s portal', async () => {
    const { endpoint, wrapper } = setupEndpoint({
      signedUrl: 'demographics_required',
      demographics: COMPLETE_DEMOGRAPHICS,
    })
    const dashboard = {
      kind: 'junction.dashboard',
      feature: 'order_creation',
      modality: 'feature_embed',
      environment: 'sandbox',
    } as const
    const { result } = renderHook(
      () => ({
        p1: useSignedUrl({ kind: 'junction.user_portal', context: 'launch', subject: 'p1' }),
        p2: useSignedUrl({ kind: 'junction.user_portal', context: 'launch', subject: 'p2' }),
        dashboard: useSignedUrl(dashboard),
        details: useDemographics('p1'),
      }),
      { wrapper },
    )
    await settle()
    expect(result.current.p1.status).toBe('error')
    const before = endpoint.requests.length
    await act(async () => {
      await result.current.details.save(COMPLETE_DEMOGRAPHICS)
    })
    await settle()
    const asked = endpoint.requests.slice(before).map((request) => request.target)
    expect(asked).toHaveLength(2)
    expect(asked).toEqual(expect.arrayContaining([expect.objectContaining({ subject: 'p1' }), dashboard]))
  })
})

describe('useDemographics, signed out', () => {
  it('reads once: a 401 is asked again neither on focus nor when the connection comes back', async () => {
    const { wrapper } = setupEndpoint()
    let reads = 0
    server.use(
      http.get('*/api/portals/demographics', () => {
        reads += 1
        return HttpResponse.json({ error: 'unauthorized', message: 'Sign in.' }, { status: 401 })
      }),
    )
    const { result } = renderHook(() => useDemographics(), { wrapper })
    await settle()
    expect(result.current.error?.code).toBe('unauthorized')
    setVisibility('hidden')
    setVisibility('visible')
    act(() => {
      window.dispatchEvent(new Event('focus'))
      window.dispatchEvent(new Event('offline'))
      window.dispatchEvent(new Event('online'))
    })
    await settle()
    await advance(30 * 60_000)
    expect(reads).toBe(1)
  })
})
