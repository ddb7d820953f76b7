import type { EmbedHandlerOptions } from './options.js'

function fail(option: string, problem: string): never {
  throw new TypeError(`embedded-portals: ${option} ${problem}.`)
}

function text(option: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') fail(option, 'is empty: set it, or leave out its vendor')
}

function oneOf(option: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string)) {
    fail(option, `is ${JSON.stringify(value)}; use ${allowed.map((a) => JSON.stringify(a)).join(' or ')}`)
  }
}

function baseUrl(option: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return
  let url: URL | null = null
  try {
    url = typeof value === 'string' ? new URL(value) : null
  } catch {
    url = null
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) fail(option, 'must be an http(s) URL')
}

function positive(option: string, value: unknown): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    fail(option, 'must be a positive number of milliseconds')
  }
}

/**
 * Refuses a configuration that could only fail later, at a user's request: an empty key or org id, an
 * unknown region or environment, a base URL that is not one. The error names the option.
 */
export function checkOptions(options: EmbedHandlerOptions): void {
  if (typeof options.resolveUser !== 'function') fail('resolveUser', 'must be a function')
  const { junction, junctionManagement, userhub, portalAdmin } = options
  if (junction) {
    text('junction.apiKey', junction.apiKey)
    oneOf('junction.region', junction.region, ['us', 'eu'])
    oneOf('junction.environment', junction.environment, ['production', 'sandbox'])
    baseUrl('junction.baseUrl', junction.baseUrl, false)
  }
  if (junctionManagement) {
    text('junctionManagement.managementKey', junctionManagement.managementKey)
    text('junctionManagement.orgId', junctionManagement.orgId)
    baseUrl('junctionManagement.baseUrl', junctionManagement.baseUrl, false)
  }
  if (userhub) {
    text('userhub.adminApiKey', userhub.adminApiKey)
    baseUrl('userhub.baseUrl', userhub.baseUrl, false)
  }
  if (portalAdmin) {
    text('portalAdmin.apiKey', portalAdmin.apiKey)
    baseUrl('portalAdmin.baseUrl', portalAdmin.baseUrl, true)
  }
  positive('timeoutMs', options.timeoutMs)
  positive('bodyTimeoutMs', options.bodyTimeoutMs)
  positive('decisionTimeoutMs', options.decisionTimeoutMs)
}
