/** What the embedded dashboard told the host, newest first. */
export function ActivityLog({ entries }: { entries: readonly string[] }) {
  return (
    <section aria-labelledby="activity-heading" className="card">
      <h2 id="activity-heading">Activity</h2>
      {entries.length === 0 ? (
        <p>Nothing yet. Orders placed in the dashboard appear here.</p>
      ) : (
        <ol aria-live="polite" data-testid="activity-log">
          {entries.map((entry, index) => (
            // Entries are only ever added at the front.
            // biome-ignore lint/suspicious/noArrayIndexKey: append-only list, newest first
            <li key={entries.length - index}>{entry}</li>
          ))}
        </ol>
      )}
    </section>
  )
}
