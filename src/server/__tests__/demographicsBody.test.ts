// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { COMPLETE_DEMOGRAPHICS } from '../../../test/support/fixtures.js'
import { createEmbedHandler } from '../createEmbedHandler.js'

const ORIGIN = 'https://ehr.example.com'

/** A handler whose Junction answers every call with what it was sent, recording each PATCH body. */
function handler() {
  const patched: unknown[] = []
  const embed = createEmbedHandler({
    junction: { apiKey: 'sk_test' },
    resolveUser: async () => ({ junctionUserId: 'u-1' }),
    fetch: async (_input, init) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : {}
      if (init?.method === 'PATCH') patched.push(body)
      return Response.json(body)
    },
  })
  const put = (body: unknown) =>
    embed(
      new Request(`${ORIGIN}/api/portals/demographics`, {
        method: 'PUT',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    )
  return { put, patched }
}

describe('PUT /demographics forwards only the documented fields', () => {
  it('drops ids and unknown keys the browser added, at every level', async () => {
    const { put, patched } = handler()
    const response = await put({
      ...COMPLETE_DEMOGRAPHICS,
      client_user_id: 'someone-else',
      user_id: '00000000-0000-4000-8000-000000000000',
      team_id: 'another-team',
      is_admin: true,
      address: { ...COMPLETE_DEMOGRAPHICS.address, geo: 'x' },
      medical_proxy: {
        first_name: 'Grace',
        last_name: 'Hopper',
        phone_number: '+14155550100',
        address: { ...COMPLETE_DEMOGRAPHICS.address, user_id: 'x' },
        relation: 'aunt',
      },
      race: 'other',
    })
    expect(response.status).toBe(200)
    expect(patched).toEqual([
      {
        ...COMPLETE_DEMOGRAPHICS,
        medical_proxy: {
          first_name: 'Grace',
          last_name: 'Hopper',
          phone_number: '+14155550100',
          address: COMPLETE_DEMOGRAPHICS.address,
        },
        race: 'other',
      },
    ])
  })

  it('passes the documented fields as sent, for Junction to judge, nulls included', async () => {
    const { put, patched } = handler()
    await put({ ...COMPLETE_DEMOGRAPHICS, address: 'not an object', medical_proxy: null, gender_identity: null })
    expect(patched).toEqual([
      { ...COMPLETE_DEMOGRAPHICS, address: 'not an object', medical_proxy: null, gender_identity: null },
    ])
  })
})
