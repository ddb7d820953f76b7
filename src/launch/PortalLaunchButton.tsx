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
  useEffect,
  useReducer,
} from 'react'
import type { EmbedError } from '../core/errors.js'
import { named } from '../core/named.js'
import type { Target } from '../core/target.js'
import { type DemographicsGateHandoff, useDemographicsHandoff } from '../demographics/gate-context.js'
import { type EmbedContextValue, useEmbedContext } from '../provider/context.js'
import { useSignedUrl } from '../signed-url/useSignedUrl.js'
import {
  errorReporter,
  IDLE_VIEW,
  type LaunchMachine,
  launchMachine,
  REST,
  type SignedUrlView,
  type UseLaunchOptions,
} from './launchMachine.js'
import { DEFAULT_LAUNCH_MESSAGES } from './messages.js'
import type { LaunchPhase } from './runLaunch.js'
import { Slot } from './Slot.js'

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

/** Observes the signed URL once the button is active, and reports what it sees. */
function SignedUrlObserver({
  target,
  onView,
  onError,
}: {
  target: Target
  onView: (view: SignedUrlView) => void
  onError: (error: EmbedError) => void
}) {
  const { status, error } = useSignedUrl(target)
  useEffect(() => {
    onView({ status, error })
    if (error) onError(error)
  }, [status, error, onView, onError])
  useEffect(() => () => onView(IDLE_VIEW), [onView])
  return null
}

/** What handlers read at call time, kept across renders (in the reducer's state: one hook in all). */
interface Live {
  dispatch: (message: ButtonMessage) => void
  props: PortalLaunchButtonProps
  /** The last render's provider and state: what the state machine reads. */
  embed: EmbedContextValue
  state: ButtonState
  handoff: DemographicsGateHandoff | null
  /** The last error reported, so that each is reported once. */
  current: EmbedError | null
  observer: IntersectionObserver | null
  /** The host's ref that `watchRef` forwards to (built again when the host passes another). */
  watchRefFor: Ref<HTMLButtonElement> | undefined
  watchRef: ((node: HTMLButtonElement | null) => void) | null
  /** Stable, for the observer child. */
  onView: (view: SignedUrlView) => void
  /** Stable, for the observer child. */
  onError: (error: EmbedError) => void
  onClick: (event: MouseEvent<HTMLButtonElement>) => void
  onPointerEnter: (event: PointerEvent<HTMLButtonElement>) => void
  onFocus: (event: FocusEvent<HTMLButtonElement>) => void
  onTouchStart: (event: TouchEvent<HTMLButtonElement>) => void
}

function targetOf(props: PortalLaunchButtonProps): Target {
  const { target, context = 'launch', orderId, subject } = props
  return (
    target ?? {
      kind: 'junction.user_portal',
      context,
      ...(orderId ? { order_id: orderId } : {}),
      ...(subject ? { subject } : {}),
    }
  )
}

/** The state machine over the last render, built only when a handler runs or there is something to show. */
function machineOf(live: Live): LaunchMachine {
  const { embed, state } = live
  return launchMachine({
    config: embed.config,
    queryClient: embed.queryClient,
    handoff: live.handoff,
    phase: state.phase,
    view: state.view,
    active: state.active,
    target: targetOf(live.props),
    options: live.props,
    setPhase: (next) => live.dispatch({ type: 'phase', phase: next }),
    activate: () => live.dispatch({ type: 'activate' }),
    reportError: live.onError,
    reportLaunch: (event) => live.props.onLaunch?.(event),
  })
}

function intent(live: Live) {
  live.dispatch({ type: 'engage' })
  machineOf(live).intent()
}

function createLive(props: PortalLaunchButtonProps): Live {
  const live: Live = {
    dispatch: () => {},
    props,
    // Both set at every render, before anything reads them.
    embed: null as unknown as EmbedContextValue,
    state: null as unknown as ButtonState,
    handoff: null,
    current: null,
    observer: null,
    watchRefFor: undefined,
    watchRef: null,
    onView: (next) => live.dispatch({ type: 'view', view: next }),
    onError: (error) => errorReporter(live, live.handoff, live.props.onError)(error),
    onClick: (event) => {
      live.props.onClick?.(event)
      if (event.defaultPrevented) return
      live.dispatch({ type: 'engage' })
      machineOf(live).launch()
    },
    onPointerEnter: (event) => {
      live.props.onPointerEnter?.(event)
      intent(live)
    },
    onFocus: (event) => {
      live.props.onFocus?.(event)
      intent(live)
    },
    onTouchStart: (event) => {
      live.props.onTouchStart?.(event)
      intent(live)
    },
  }
  return live
}

/** A ref that starts prefetching when the button first comes into view, and forwards the node to `ref`. */
function watchRef(live: Live, ref: Ref<HTMLButtonElement> | undefined): (node: HTMLButtonElement | null) => void {
  if (live.watchRef && live.watchRefFor === ref) return live.watchRef
  live.watchRefFor = ref
  live.watchRef = (node) => {
    live.observer?.disconnect()
    live.observer = null
    if (node && typeof IntersectionObserver !== 'undefined') {
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect()
          live.dispatch({ type: 'activate' })
        }
      })
      observer.observe(node)
      live.observer = observer
    }
    if (typeof ref === 'function') ref(node)
    else if (ref) ref.current = node
  }
  return live.watchRef
}

interface ButtonState {
  live: Live
  /** The user has shown intent: the live region is mounted. */
  engaged: boolean
  /** The signed URL is observed (and so fetched and kept fresh). */
  active: boolean
  view: SignedUrlView
  phase: LaunchPhase
}

type ButtonMessage =
  | { type: 'engage' }
  | { type: 'activate' }
  | { type: 'view'; view: SignedUrlView }
  | { type: 'phase'; phase: LaunchPhase }

function initialState(props: PortalLaunchButtonProps): ButtonState {
  const eager = props.prefetch === 'render' && props.target?.kind !== 'userhub.portal'
  return { live: createLive(props), engaged: eager, active: eager, view: IDLE_VIEW, phase: REST }
}

function reduce(state: ButtonState, message: ButtonMessage): ButtonState {
  switch (message.type) {
    case 'engage':
      return state.engaged ? state : { ...state, engaged: true }
    case 'activate':
      return state.active ? state : { ...state, active: true, engaged: true }
    case 'view':
      return state.view.status === message.view.status && state.view.error === message.view.error
        ? state
        : { ...state, view: message.view }
    case 'phase':
      return { ...state, phase: message.phase }
  }
}

/**
 * Opens (or copies) a vendor portal with a fresh signed URL, popup-safe: the URL is fetched on intent,
 * the tab opens inside the click, and a blocked tab falls back to a link. `data-state` tells its state.
 * Until the first intent it is a plain button: nothing is observed, fetched or scheduled.
 */
export const PortalLaunchButton = /* @__PURE__ */ named(
  /* @__PURE__ */ forwardRef(function PortalLaunchButton(props: PortalLaunchButtonProps, ref: Ref<HTMLButtonElement>) {
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
    const embed = useEmbedContext('PortalLaunchButton')
    const handoff = useDemographicsHandoff()
    // One hook: the state, and in it what handlers read when they run (stable across renders).
    const [buttonState, dispatch] = useReducer(reduce, props, initialState)
    const { live, engaged, active, view, phase } = buttonState
    live.dispatch = dispatch
    live.props = props
    live.embed = embed
    live.state = buttonState
    live.handoff = handoff

    // The machine is only built when there is something to show or do: an idle button stays cheap.
    const launch = phase.kind === 'rest' && view.status === 'idle' ? null : machineOf(live)
    const state = launch?.state ?? 'idle'
    const messages =
      launch?.messages ??
      (messageOverrides ? { ...DEFAULT_LAUNCH_MESSAGES, ...messageOverrides } : DEFAULT_LAUNCH_MESSAGES)
    const shareable = targetProp
      ? targetProp.kind === 'junction.user_portal' && targetProp.context === 'communications'
      : context === 'communications'
    const copies = (action ?? (shareable ? 'copy' : 'open')) === 'copy'
    const watchVisibility = prefetch === 'visible' && !active && targetProp?.kind !== 'userhub.portal'
    const busy = state === 'loading' || state === 'opening'
    // One copy of the host's props, spread first (the engine's fast path), then ours.
    const buttonProps = {
      ...rest,
      ref: watchVisibility ? watchRef(live, ref) : ref,
      'data-state': state,
      'aria-busy': busy || undefined,
      onClick: live.onClick,
      onPointerEnter: live.onPointerEnter,
      onFocus: live.onFocus,
      onTouchStart: live.onTouchStart,
    }
    const label = children ?? (copies ? messages.copy : messages.open)

    const button = asChild ? (
      <Slot {...(buttonProps as HTMLAttributes<HTMLElement>)}>{children}</Slot>
    ) : (
      <button {...buttonProps} type="button">
        {label}
      </button>
    )
    // Until the first intent, the button alone. Becoming a fragment that starts with it keeps the same
    // element (React reconciles the top-level fragment's first child against it): focus is not lost.
    if (!engaged && !active) return button

    return (
      <>
        {button}
        {active ? <SignedUrlObserver target={targetOf(props)} onView={live.onView} onError={live.onError} /> : null}
        <span role="status" aria-live="polite" style={visuallyHidden}>
          {launch?.announcement}
        </span>
        {launch?.blockedUrl ? (
          <span data-embedded-portals="blocked">
            {messages.blockedHint}{' '}
            <a href={launch.blockedUrl} target="_blank" rel="noopener noreferrer" onClick={launch.linkUsed}>
              {messages.blockedLink}
            </a>
          </span>
        ) : null}
        {launch?.manualCopyUrl ? (
          <label data-embedded-portals="manual-copy">
            {messages.copyManually}{' '}
            <input readOnly value={launch.manualCopyUrl} onFocus={(event) => event.currentTarget.select()} />
          </label>
        ) : null}
        {launch?.error ? (
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
  }),
  'PortalLaunchButton',
)
