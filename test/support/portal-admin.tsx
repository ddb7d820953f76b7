import { QueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import type { PortalUserResponse } from '../../src/core/portal-admin'
import { EmbedProvider } from '../../src/provider/EmbedProvider'
import { type PortalAdminHandlersOptions, portalAdminHandlers } from '../../src/testing/portalAdminHandlers'
import { server } from './msw-server'

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

/** The admin endpoint (one portal with the given users) on the unit suite's MSW server, and a fresh client. */
export function setupPortalAdmin(
  users: readonly PortalUserResponse[] = [ADA, GRACE, ALAN],
  options: Omit<PortalAdminHandlersOptions, 'portals'> = {},
) {
  const admin = portalAdminHandlers({ portals: { [PORTAL_ID]: { name: 'North clinic', users } }, ...options })
  server.use(...admin.handlers)
  const queryClient = new QueryClient()
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <EmbedProvider endpoint="/api/portals" queryClient={queryClient}>
        {children}
      </EmbedProvider>
    )
  }
  return { admin, queryClient, wrapper: Wrapper }
}
