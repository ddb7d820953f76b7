import { http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fetchDemographics, saveDemographics } from '../../src/core/demographicsClient.js'
import {
  deletePortalById,
  deletePortalUser,
  fetchPortalUsers,
  patchPortal,
  postPortal,
  postPortalUserInvites,
} from '../../src/core/portalAdminClient.js'
import type { Target } from '../../src/core/target.js'
import { type EmbedClientConfig, fetchSignedUrl } from '../../src/core/wireClient.js'
import { COMPLETE_DEMOGRAPHICS } from '../support/fixtures.js'
import { methodsOf, objectAt, pointer, requestProblems, type Sent, templates } from '../support/openapi-document.js'
import { BASE, ORIGIN, PORTAL, PORTAL_USER, type Rig, rig } from '../support/openapi-rig.js'

// Every request the browser client sends is one openapi.json describes (method, path, query, body), and it sends one
// of every operation but the continuation. test/docs/openapi-answers.test.ts checks the answers of the server.

describe('the requests of the browser client are the ones openapi.json describes', () => {
  const sent: Sent[] = []
  const client = setupServer()
  const operations = new Set<string>()
  let target: Rig

  beforeAll(() => client.listen({ onUnhandledRequest: 'error' }))
  beforeEach(async () => {
    sent.length = 0
    target = await rig()
    client.use(
      http.all(`${BASE}/*`, async ({ request }) => {
        sent.push({
          method: request.method,
          url: request.url,
          headers: new Headers(request.headers),
          body: await request.clone().text(),
        })
        return target.embed(request)
      }),
    )
  })
  afterEach(() => {
    client.resetHandlers()
  })
  afterAll(() => client.close())

  // The simulator's pages are on a test origin, which the client opens only when told.
  const config: EmbedClientConfig = { endpoint: BASE, allowedOrigins: ['https://pages.simulator.test'] }

  /** Checks every request sent since the test began, and notes their operations. */
  function expectDocumentedRequests(count: number) {
    expect(sent).toHaveLength(count)
    for (const request of sent) {
      const { operationId, problems } = requestProblems(request)
      expect(problems).toEqual([])
      if (operationId) operations.add(operationId)
    }
  }

  const TARGETS: Target[] = [
    { kind: 'junction.user_portal', context: 'launch' },
    {
      kind: 'junction.user_portal',
      context: 'communications',
      order_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
      subject: 'patient-42',
    },
    { kind: 'junction.dashboard', feature: 'order_creation', modality: 'feature_embed', environment: 'sandbox' },
    {
      kind: 'junction.dashboard',
      feature: 'order:abc-1',
      modality: 'link_out',
      environment: 'production',
      integration_member_id: 'dr-who',
      team_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    },
    { kind: 'userhub.portal' },
    {
      kind: 'userhub.portal',
      portal_url: '/{accountId}/plans',
      return_url: `${ORIGIN}/billing`,
      success_url: `${ORIGIN}/billing?done=1`,
      organization_id: 'org_1',
    },
  ]

  it.each(TARGETS)('fetchSignedUrl: $kind', async (targetOfCall) => {
    const signed = await fetchSignedUrl(config, targetOfCall)
    expect(signed.singleUse).toBe(targetOfCall.kind === 'userhub.portal')
    expectDocumentedRequests(1)
  })

  it.each([undefined, 'patient-42', 'patient 42/ü'])(
    'fetchDemographics and saveDemographics, subject %s',
    async (subject) => {
      expect((await fetchDemographics(config, subject)).missing).toEqual([])
      const saved = await saveDemographics(
        config,
        {
          ...COMPLETE_DEMOGRAPHICS,
          medical_proxy: null,
          race: 'asian',
          address: { ...COMPLETE_DEMOGRAPHICS.address, second_line: 'Apt 2' },
        },
        subject,
      )
      expect(saved.demographics).toMatchObject({ race: 'asian' })
      expectDocumentedRequests(2)
    },
  )

  it('the portal-administration calls', async () => {
    const created = await postPortal(config, { name: 'South Clinic', custom_domain: 'portal.example.com' })
    await postPortal(config, { name: 'West Clinic' })
    await patchPortal(config, created.id, { name: 'South Clinic (new)' })
    await patchPortal(config, created.id, { custom_domain: null })
    expect(await fetchPortalUsers(config, PORTAL)).toHaveLength(1)
    const invited = await postPortalUserInvites(config, PORTAL, [
      { email: 'grace@example.test', first_name: 'Grace', last_name: 'Hopper' },
      { email: 'alan@example.test' },
    ])
    expect(invited.results.map((result) => result.status)).toEqual(['invited', 'invited'])
    await deletePortalUser(config, PORTAL, PORTAL_USER)
    await deletePortalById(config, created.id, created.id)
    expectDocumentedRequests(8)
  })

  it('percent-encodes ids the document allows', async () => {
    const id = target.simulator.seedPortal({ id: 'north:clinic@1|a+b=c~d', name: 'North' })
    expect(await fetchPortalUsers(config, id)).toEqual([])
    await deletePortalById(config, id, id)
    expectDocumentedRequests(2)
  })

  it('sent a request of every operation but the continuation, which browsers reach by navigation', () => {
    expect([...operations].sort()).toEqual(
      templates
        .flatMap((template) =>
          methodsOf(template).map((method) => String(objectAt(pointer('paths', template, method)).operationId)),
        )
        .filter((operationId) => operationId !== 'continueDashboardSession')
        .sort(),
    )
  })
})
