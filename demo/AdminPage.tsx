import { PortalUsersManager } from '../src/index.js'
import { ActivityLog } from './ActivityLog.js'

const portalId = document.querySelector<HTMLMetaElement>('meta[name="demo-portal-id"]')?.content

/** The clinic administrator's page: who may enter the patients' portal. */
export function AdminPage({ log, activity }: { log: (entry: string) => void; activity: readonly string[] }) {
  return (
    <>
      <h1>Portal administration</h1>
      <section aria-labelledby="users-heading" className="card wide">
        <h2 id="users-heading">Northwind patients portal</h2>
        {portalId ? (
          <PortalUsersManager
            portalId={decodeURIComponent(portalId)}
            pageSize={25}
            onInvited={({ results }) => log(`Invites sent: ${results.length} addresses`)}
            onRemoved={() => log('A user was removed from the portal')}
            onError={(error) => log(`Error: ${error.code}`)}
          />
        ) : (
          <p>
            Portal administration is not configured: set <code>PORTAL_ADMIN_API_KEY</code>,{' '}
            <code>PORTAL_ADMIN_BASE_URL</code> and <code>PORTAL_ID</code>, or run without keys to use the simulator.
          </p>
        )}
      </section>
      <ActivityLog entries={activity} />
    </>
  )
}
