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
  useCallback,
} from 'react'
import type { EmbedError } from '../core/errors.js'
import type { Target } from '../core/target.js'
import type { LaunchMessages } from './messages.js'
import { Slot } from './Slot.js'
import { type LaunchAction, type LaunchEvent, type LaunchOpenIn, type LaunchPrefetch, useLaunch } from './useLaunch.js'

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

export interface PortalLaunchButtonProps
  extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onError' | 'type' | 'children'> {
  /** Junction User Portal context: `'launch'` to open now (default), `'communications'` for a link to send. */
  context?: 'launch' | 'communications' | undefined
  /** Deep-links the Junction portal to this order (a uuid). */
  orderId?: string | undefined
  /** The patient to act for (an opaque host id); the server decides whether the user may. */
  subject?: string | undefined
  /** Another portal, such as `{ kind: 'userhub.portal', portal_url: '/{accountId}/plans' }`. Overrides context, orderId and subject. */
  target?: Target | undefined
  /** Default `'copy'` for communications links, else `'open'`. */
  action?: LaunchAction | undefined
  /** Default `'new-tab'`. */
  openIn?: LaunchOpenIn | undefined
  /** When to fetch the URL ahead of the click. Default `'intent'` (pointer enter, focus, touch start). */
  prefetch?: LaunchPrefetch | undefined
  /** After the portal opened or the link was copied. */
  onLaunch?: ((event: LaunchEvent) => void) | undefined
  /** Every error, once, with its `code` (and `missing` for `demographics_required`). */
  onError?: ((error: EmbedError) => void) | undefined
  /** Texts to override (i18n). */
  messages?: Partial<LaunchMessages> | undefined
  /** Renders your own button element (its only child) instead of a `<button>`, with these props merged in. */
  asChild?: boolean | undefined
  /** Button content. Default: "Open portal" or "Copy portal link". */
  children?: ReactNode
}

/**
 * Opens (or copies) a vendor portal with a fresh signed URL, popup-safe: the URL is fetched on intent,
 * the tab opens inside the click, and a blocked tab falls back to a link. `data-state` tells its state.
 */
export const PortalLaunchButton = forwardRef(function PortalLaunchButton(
  props: PortalLaunchButtonProps,
  ref: Ref<HTMLButtonElement>,
) {
  const {
    context = 'launch',
    orderId,
    subject,
    target: targetProp,
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
  const target: Target = targetProp ?? {
    kind: 'junction.user_portal',
    context,
    ...(orderId ? { order_id: orderId } : {}),
    ...(subject ? { subject } : {}),
  }
  const launch = useLaunch(target, { action, openIn, prefetch, onLaunch, onError, messages: messageOverrides })
  const { state, messages } = launch
  const busy = state === 'loading' || state === 'opening'

  const setRef = useCallback(
    (node: HTMLButtonElement | null) => {
      launch.visibilityRef(node)
      if (typeof ref === 'function') ref(node)
      else if (ref) ref.current = node
    },
    [launch.visibilityRef, ref],
  )

  const buttonProps = {
    ...rest,
    ref: setRef,
    'data-state': state,
    'aria-busy': busy || undefined,
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
  const label = children ?? (launch.action === 'copy' ? messages.copy : messages.open)

  return (
    <>
      {asChild ? (
        <Slot {...(buttonProps as HTMLAttributes<HTMLElement>)}>{children}</Slot>
      ) : (
        <button type="button" {...buttonProps}>
          {label}
        </button>
      )}
      <span role="status" aria-live="polite" style={visuallyHidden}>
        {launch.announcement}
      </span>
      {state === 'blocked' && launch.blockedUrl ? (
        <span data-embedded-portals="blocked">
          {messages.blockedHint}{' '}
          <a href={launch.blockedUrl} target="_blank" rel="noopener noreferrer" onClick={launch.linkUsed}>
            {messages.blockedLink}
          </a>
        </span>
      ) : null}
      {launch.manualCopyUrl ? (
        <label data-embedded-portals="manual-copy">
          {messages.copyManually}{' '}
          <input readOnly value={launch.manualCopyUrl} onFocus={(event) => event.currentTarget.select()} />
        </label>
      ) : null}
      {launch.error ? (
        <span role="alert" data-embedded-portals="error">
          {state === 'demographics-required' ? messages.demographicsRequired : launch.error.message}{' '}
          {state === 'error' ? (
            <button type="button" onClick={launch.retry}>
              {messages.retry}
            </button>
          ) : null}
        </span>
      ) : null}
    </>
  )
})
PortalLaunchButton.displayName = 'PortalLaunchButton'
