// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createEmbedHandler } from '../createEmbedHandler.js'
import type { EmbedHandlerOptions } from '../options.js'

const resolveUser = async () => null

function start(options: Partial<EmbedHandlerOptions>) {
  return () => createEmbedHandler({ resolveUser, ...options } as EmbedHandlerOptions)
}

describe('createEmbedHandler: configuration checked at start-up, naming the option', () => {
  it.each([
    ['junction.apiKey', { junction: { apiKey: '' } }],
    ['junction.apiKey', { junction: { apiKey: '   ' } }],
    ['junction.region', { junction: { apiKey: 'sk', region: 'ap' } }],
    ['junction.environment', { junction: { apiKey: 'sk', environment: 'staging' } }],
    ['junction.baseUrl', { junction: { apiKey: 'sk', baseUrl: 'api.junction.com' } }],
    ['junctionManagement.managementKey', { junctionManagement: { managementKey: '', orgId: 'org' } }],
    ['junctionManagement.orgId', { junctionManagement: { managementKey: 'mg_1', orgId: '' } }],
    ['userhub.adminApiKey', { userhub: { adminApiKey: '' } }],
    ['portalAdmin.apiKey', { portalAdmin: { apiKey: '', baseUrl: 'https://admin.example' } }],
    ['portalAdmin.baseUrl', { portalAdmin: { apiKey: 'k', baseUrl: '' } }],
    ['timeoutMs', { timeoutMs: 0 }],
    ['bodyTimeoutMs', { bodyTimeoutMs: Number.NaN }],
    ['basePath', { basePath: 'api/portals' }],
    ['allowedOrigins', { allowedOrigins: ['ehr.example.com'] }],
    ['resolveUser', { resolveUser: undefined }],
  ])('throws a TypeError naming %s', (option, options) => {
    expect(start(options as Partial<EmbedHandlerOptions>)).toThrow(TypeError)
    expect(start(options as Partial<EmbedHandlerOptions>)).toThrow(option)
  })

  it('accepts a complete configuration, and leaves out vendors that are not configured', () => {
    expect(start({})).not.toThrow()
    expect(
      start({
        junction: { apiKey: 'sk', region: 'eu', environment: 'sandbox' },
        junctionManagement: { managementKey: 'mg_1', orgId: 'org-1' },
        userhub: { adminApiKey: 'uh' },
        portalAdmin: { apiKey: 'k', baseUrl: 'https://admin.example' },
        timeoutMs: 5_000,
        bodyTimeoutMs: 2_000,
      }),
    ).not.toThrow()
  })

  it('logs a failed callback by its class only: its message may name a patient', async () => {
    const lines: unknown[] = []
    const embed = createEmbedHandler({
      junction: { apiKey: 'sk' },
      resolveUser: async () => {
        throw new RangeError('session lookup failed for patient Jane Doe, MRN 00123')
      },
      logger: { warn: () => {}, error: (message, details) => lines.push({ message, details }) },
    })
    const response = await embed(new Request('https://ehr.example.com/api/portals/demographics'))
    expect(response.status).toBe(500)
    expect(lines).toEqual([
      { message: 'embedded-portals handler failed', details: { route: '/demographics', error: 'RangeError' } },
    ])
  })

  it('logs an unmatched path only as whether it lies under basePath, never as sent', async () => {
    const lines: unknown[] = []
    const embed = createEmbedHandler({
      resolveUser: async () => null,
      logger: { warn: (message, details) => lines.push({ message, details }), error: () => {} },
    })
    for (const path of ['/api/portals/patients/8842-MRN/orders', '/patients/8842-MRN/orders']) {
      expect((await embed(new Request(`https://ehr.example.com${path}`))).status).toBe(404)
    }
    expect(lines).toEqual([
      {
        message: 'no route of embedded-portals for this path',
        details: { method: 'GET', underBasePath: true, basePath: '/api/portals' },
      },
      {
        message: 'no route of embedded-portals for this path',
        details: { method: 'GET', underBasePath: false, basePath: '/api/portals' },
      },
    ])
  })
})
