import type { PortalUserResponse } from '../../src/core/portalAdmin'

// The users of the portal-administration tests and stories: no Node or browser dependency, so that the
// jsdom suite, the Chromium suite and Storybook share them.

export const PORTAL_ID = 'portal-north'

export const ADA: PortalUserResponse = {
  id: 'u-ada',
  email: 'ada@example.test',
  first_name: 'Ada',
  last_name: 'Lovelace',
  status: 'active',
  invited_at: '2026-11-01T09:00:00Z',
  joined_at: '2026-11-02T10:00:00Z',
}
export const GRACE: PortalUserResponse = {
  id: 'u-grace',
  email: 'grace@example.test',
  first_name: 'Grace',
  last_name: 'Hopper',
  status: 'invited',
  invited_at: '2026-11-20T09:00:00Z',
  joined_at: null,
}
export const ALAN: PortalUserResponse = {
  id: 'u-alan',
  email: 'alan@example.test',
  first_name: null,
  last_name: null,
  status: 'invited',
  invited_at: null,
  joined_at: null,
}
