import {
  type ButtonHTMLAttributes,
  type FocusEvent,
  forwardRef,
  type HTMLAttributes,
  type MouseEvent,
  type PointerEvent,
  type ReactNode,
  type Ref,
  type TouchEvent,
  useMemo,
} from 'react'
import type { Target } from '../core/target.js'
import type { UseLaunchOptions } from './useLaunch.js'

export type { LaunchEvent } from './runLaunch.js'

import { composeRefs, Slot } from '../shared/Slot.js'
import { useLaunch } from './useLaunch.js'

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const

function focusField(field: HTMLInputElement | null) {
  field?.focus()
}

/** The button's props: those of `useLaunch`, the portal to open, and a `<button>`'s own. */
export interface PortalLaunchButtonProps
  extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onError' | 'type' | 'children'>,
    UseLaunchOptions {
  /** Junction User Portal context: `'launch'` to open now (default), `'communications'` for a link to send. */
  context?: 'launch' | 'communications' | undefined
  /** Deep-links the Junction portal to this order (a uuid). */
  orderId?: string | undefined
  /** The patient to act for (an opaque host id); the server decides whether the user may. */
  subject?: string | undefined
  /** Another portal, such as `{ kind: 'userhub.portal', portal_url: '/{accountId}/plans' }`. Overrides context, orderId and subject. */
  target?: Target | undefined
  /** Renders your own button element (its only child) instead of a `<button>`, with these props merged in. */
  asChild?: boolean | undefined
  /** Button content. Default: "Open portal" or "Copy portal link". */
  children?: ReactNode
}

/**
 * Opens (or copies) a vendor portal with a fresh signed URL, popup-safe: the URL is fetched on intent,
 * the tab opens inside the click, and a blocked tab falls back to a link, then to the link for copying
 * where no tab can open at all. `data-state` tells its state.
 * A thin view over `useLaunch`: until the first intent nothing is fetched or scheduled.
 */
export const PortalLaunchButton = forwardRef(function PortalLaunchButton(
  props: PortalLaunchButtonProps,
  ref: Ref<HTMLButtonElement>,
) {
  const {
    context = 'launch',
    orderId,
    subject,
    target,
    action,
    openIn,
    prefetch,
    onLaunch,
    onError,
    messages: messageOverrides,
    asChild,
    children,
    onClick,
    onPointerEnter,
    onFocus,
    onTouchStart,
    ...rest
  } = props
  const launch = useLaunch(target ?? { kind: 'junction.user_portal', context, order_id: orderId, subject }, {
    action,
    openIn,
    prefetch,
    onLaunch,
    onError,
    messages: messageOverrides,
  })
  const { status, messages } = launch
  const composedRef = useMemo(() => composeRefs(ref, launch.visibilityRef), [ref, launch.visibilityRef])
  const buttonProps = {
    ...rest,
    ref: composedRef,
    'data-state': status,
    'aria-busy': status === 'loading' || status === 'opening' || undefined,
    onClick: (event: MouseEvent<HTMLButtonElement>) => {
      onClick?.(event)
      if (!event.defaultPrevented) launch.launch()
    },
    onPointerEnter: (event: PointerEvent<HTMLButtonElement>) => {
      onPointerEnter?.(event)
      launch.intent()
    },
    onFocus: (event: FocusEvent<HTMLButtonElement>) => {
      onFocus?.(event)
      launch.intent()
    },
    onTouchStart: (event: TouchEvent<HTMLButtonElement>) => {
      onTouchStart?.(event)
      launch.intent()
    },
  }
  return (
    <>
      {asChild ? (
        <Slot {...(buttonProps as HTMLAttributes<HTMLElement>)}>{children}</Slot>
      ) : (
        <button {...buttonProps} type="button">
          {children ?? (launch.action === 'copy' ? messages.copy : messages.open)}
        </button>
      )}
      {/* Mounted with the first intent, empty, so that what it says later is announced; kept while a link is offered. */}
      {status === 'idle' && !launch.manualCopyUrl ? null : (
        <span role="status" aria-live="polite" style={visuallyHidden}>
          {launch.announcement}
        </span>
      )}
      {launch.blockedUrl ? (
        <span data-embedded-portals="blocked">
          {messages.blockedHint}{' '}
          <a href={launch.blockedUrl} target="_blank" rel="noopener noreferrer" onClick={launch.followLink}>
            {messages.blockedLink}
          </a>
        </span>
      ) : null}
      {launch.manualCopyUrl ? (
        <label data-embedded-portals="manual-copy">
          {launch.action === 'open' ? messages.blockedCopy : messages.copyManually}{' '}
          <input
            readOnly
            value={launch.manualCopyUrl}
            // In place of the fallback link the user just activated: focus follows, with the link selected.
            ref={launch.action === 'open' ? focusField : undefined}
            onFocus={(event) => event.currentTarget.select()}
          />
        </label>
      ) : null}
      {launch.error ? (
        <span role="alert" data-embedded-portals="error">
          {status === 'demographics-required' ? messages.demographicsRequired : launch.error.message}{' '}
          {status === 'error' ? (
            <button type="button" onClick={launch.retry}>
              {messages.retry}
            </button>
          ) : null}
        </span>
      ) : null}
    </>
  )
})
if (process.env.NODE_ENV !== 'production') PortalLaunchButton.displayName = 'PortalLaunchButton'
