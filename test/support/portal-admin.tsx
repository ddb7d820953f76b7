import { QueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import type { PortalUserResponse } from '../../src/core/portalAdmin'
import { EmbedProvider } from '../../src/provider/EmbedProvider'
import { type PortalAdminHandlersOptions, portalAdminHandlers } from '../../src/testing/portalAdminHandlers'
import { server } from './msw-server'
import { ADA, ALAN, GRACE, PORTAL_ID } from './portal-users'

export { ADA, ALAN, GRACE, PORTAL_ID } from './portal-users'

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
