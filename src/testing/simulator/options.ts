import { randomBytes, toHex } from './ids.js'
import type {
  ResolvedBaseUrls,
  ResolvedKeys,
  SimulatorExpiresIn,
  UnpublishedVendorBehaviour,
  VendorSimulatorOptions,
  VendorSimulatorSettings,
} from './types.js'

const DEFAULT_JUNCTION_BASE_URLS = [
  'https://api.us.junction.com',
  'https://api.eu.junction.com',
  'https://api.sandbox.us.junction.com',
  'https://api.sandbox.eu.junction.com',
] as const

const DEFAULT_KEYS: ResolvedKeys = {
  junction: 'sk_sim_junction',
  management: 'mg_sim_management',
  userhub: 'uh_sim_admin',
  portalAdmin: 'pa_sim_admin',
}

const DEFAULT_ORG_ID = '5c9d2a4e-7b1f-4c3a-9e8d-0a1b2c3d4e5f'
const DEFAULT_TEAM_ID = '8f0e6d1c-3b2a-4f5e-8d7c-6b5a4f3e2d1c'

type ResolvedExpiresIn = { [K in keyof SimulatorExpiresIn]-?: number }

const DEFAULT_EXPIRES_IN: ResolvedExpiresIn = {
  launch: 300,
  communications: 1_209_600,
  dashboard: 300,
  userhub: 300,
}

export type ResolvedUnpublished = {
  [K in keyof UnpublishedVendorBehaviour]-?: NonNullable<UnpublishedVendorBehaviour[K]>
}

const DEFAULT_UNPUBLISHED: ResolvedUnpublished = {
  noDemographics: 'not_found',
  expiresInUnit: 'seconds',
  dashboardIdPairs: 'optional',
  trailingSlash: 'ignore',
}

/** The simulator's settings with every default filled in. */
export interface SimulatorConfig {
  baseUrls: ResolvedBaseUrls
  keys: ResolvedKeys
  orgId: string
  teamId: string
  expiresIn: ResolvedExpiresIn
  latencyMs: number
  seed: number | undefined
  signingSecret: string
  unpublished: ResolvedUnpublished
  /** `path` null: one page per kind. */
  signedUrls: { tokens: 'jwt' | 'sequential'; path: string | null }
}

/** Applies `configure(...)` to a resolved config: only what is given changes. */
export function applySettings(config: SimulatorConfig, settings: VendorSimulatorSettings): void {
  for (const key of Object.keys(config.expiresIn) as (keyof ResolvedExpiresIn)[]) {
    config.expiresIn[key] = settings.expiresIn?.[key] ?? config.expiresIn[key]
  }
  if (settings.latencyMs !== undefined) config.latencyMs = Math.max(0, settings.latencyMs)
}

/** `expires_in` as the simulator states it: the lifetime in seconds, or in milliseconds if told so. */
export function statedExpiresIn(config: SimulatorConfig, lifetimeSeconds: number): number {
  return config.unpublished.expiresInUnit === 'milliseconds' ? lifetimeSeconds * 1000 : lifetimeSeconds
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '')
}

export function resolveConfig(options: VendorSimulatorOptions = {}): SimulatorConfig {
  const base = options.baseUrls ?? {}
  return {
    baseUrls: {
      junction: (base.junction ?? DEFAULT_JUNCTION_BASE_URLS).map(trimSlashes),
      management: trimSlashes(base.management ?? 'https://api.management.junction.com'),
      userhub: trimSlashes(base.userhub ?? 'https://api.userhub.com'),
      portalAdmin: trimSlashes(base.portalAdmin ?? 'https://portal-admin.simulator.test'),
      pages: trimSlashes(base.pages ?? 'https://pages.simulator.test'),
    },
    keys: {
      junction: options.keys?.junction ?? DEFAULT_KEYS.junction,
      management: options.keys?.management ?? DEFAULT_KEYS.management,
      userhub: options.keys?.userhub ?? DEFAULT_KEYS.userhub,
      portalAdmin: options.keys?.portalAdmin ?? DEFAULT_KEYS.portalAdmin,
    },
    orgId: (options.orgId ?? DEFAULT_ORG_ID).toLowerCase(),
    teamId: DEFAULT_TEAM_ID,
    expiresIn: {
      launch: options.expiresIn?.launch ?? DEFAULT_EXPIRES_IN.launch,
      communications: options.expiresIn?.communications ?? DEFAULT_EXPIRES_IN.communications,
      dashboard: options.expiresIn?.dashboard ?? DEFAULT_EXPIRES_IN.dashboard,
      userhub: options.expiresIn?.userhub ?? DEFAULT_EXPIRES_IN.userhub,
    },
    latencyMs: Math.max(0, options.latencyMs ?? 0),
    seed: options.seed,
    signingSecret:
      options.signingSecret ??
      (options.seed === undefined ? toHex(randomBytes(32)) : `embedded-portals-simulator-${options.seed}`),
    unpublished: {
      noDemographics: options.unpublished?.noDemographics ?? DEFAULT_UNPUBLISHED.noDemographics,
      expiresInUnit: options.unpublished?.expiresInUnit ?? DEFAULT_UNPUBLISHED.expiresInUnit,
      dashboardIdPairs: options.unpublished?.dashboardIdPairs ?? DEFAULT_UNPUBLISHED.dashboardIdPairs,
      trailingSlash: options.unpublished?.trailingSlash ?? DEFAULT_UNPUBLISHED.trailingSlash,
    },
    signedUrls: { tokens: options.signedUrls?.tokens ?? 'jwt', path: options.signedUrls?.path ?? null },
  }
}
