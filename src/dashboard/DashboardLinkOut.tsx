import { LinkOutButton } from './LinkOutButton.js'
import type { DashboardViewProps } from './resolve.js'
import { useReportError } from './useReportError.js'

/** `link_out`: the launch button on a signed URL, or a plain link to Fast Launch (nothing to fetch). */
export function DashboardLinkOut({ props, target, fixedUrl, invalid, messages }: DashboardViewProps) {
  const { className, style, onLaunch } = props
  const label = props.children ?? messages.open
  useReportError(invalid, props.onError)
  if (invalid) {
    return (
      <span role="alert" data-embedded-portals="error" data-state="error" className={className}>
        {invalid.message}
      </span>
    )
  }
  if (fixedUrl) {
    return (
      <a
        href={fixedUrl}
        target="_blank"
        rel="noopener noreferrer"
        data-state="ready"
        className={className}
        style={style}
        onClick={() => onLaunch?.({ action: 'open', via: 'link' })}
      >
        {label}
      </a>
    )
  }
  return (
    <LinkOutButton
      target={target}
      className={className}
      style={style}
      onLaunch={onLaunch}
      onError={props.onError}
      retryText={messages.retry}
    >
      {label}
    </LinkOutButton>
  )
}
