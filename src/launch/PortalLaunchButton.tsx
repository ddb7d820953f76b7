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
  useEffect,
  useReducer,
  useRef,
} from 'react'
import type { EmbedError } from '../core/errors.js'
import type { Target } from '../core/target.js'
import { type DemographicsGateHandoff, useDemographicsHandoff } from '../demographics/gate-context.js'
import { useEmbedContext } from '../provider/context.js'
import { useSignedUrl } from '../signed-url/useSignedUrl.js'
import {
  errorReporter,
  IDLE_VIEW,
  type LaunchMachine,
  type LaunchMachineInput,
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

/** What handlers read at call time, kept across renders. */
interface Live {
  props: PortalLaunchButtonProps
  /** The last render's inputs of the state machine. */
  render: Omit<LaunchMachineInput, 'options' | 'target' | 'setPhase' | 'activate' | 'reportError' | 'reportLaunch'>
  handoff: DemographicsGateHandoff | null
  /** The last error reported, so that each is reported once. */
  current: EmbedError | null
  observer: IntersectionObserver | null
  /** Stable, for the observer child. */
  onView: (view: SignedUrlView) => void
  /** Stable, for the observer child. */
  onError: (error: EmbedError) => void
  /** Stable handlers: they build the state machine from the last render when they run. */
  machine: () => LaunchMachine
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

function createLive(
  props: PortalLaunchButtonProps,
  dispatch: (message: ButtonMessage) => void,
  render: Live['render'],
): Live {
  const live: Live = {
    props,
    render,
    handoff: render.handoff,
    current: null,
    observer: null,
    onView: (next) => dispatch({ type: 'view', view: next }),
    onError: (error) => errorReporter(live, live.handoff, live.props.onError)(error),
    machine: () =>
      launchMachine({
        ...live.render,
        target: targetOf(live.props),
        options: live.props,
        setPhase: (next) => dispatch({ type: 'phase', phase: next }),
        activate: () => dispatch({ type: 'activate' }),
        reportError: live.onError,
        reportLaunch: (event) => live.props.onLaunch?.(event),
      }),
    onClick: (event) => {
      live.props.onClick?.(event)
      if (event.defaultPrevented) return
      dispatch({ type: 'engage' })
      live.machine().launch()
    },
    onPointerEnter: (event) => {
      live.props.onPointerEnter?.(event)
      intent()
    },
    onFocus: (event) => {
      live.props.onFocus?.(event)
      intent()
    },
    onTouchStart: (event) => {
      live.props.onTouchStart?.(event)
      intent()
    },
  }
  function intent() {
    dispatch({ type: 'engage' })
    live.machine().intent()
  }
  return live
}

interface ButtonState {
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
  return { engaged: eager, active: eager, view: IDLE_VIEW, phase: REST }
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
  const { config, queryClient } = useEmbedContext('PortalLaunchButton')
  const handoff = useDemographicsHandoff()
  const [{ engaged, active, view, phase }, dispatch] = useReducer(reduce, props, initialState)
  const render = { config, queryClient, handoff, phase, view, active }
  // What handlers read when they run: the latest props and render, the last error reported, the observer.
  const liveRef = useRef<Live | null>(null)
  if (liveRef.current === null) liveRef.current = createLive(props, dispatch, render)
  const live = liveRef.current
  live.props = props
  live.render = render
  live.handoff = handoff

  // The machine is only built when there is something to show or do: an idle button stays cheap.
  const launch = phase.kind === 'rest' && view.status === 'idle' ? null : live.machine()
  const state = launch?.state ?? 'idle'
  const messages =
    launch?.messages ??
    (messageOverrides ? { ...DEFAULT_LAUNCH_MESSAGES, ...messageOverrides } : DEFAULT_LAUNCH_MESSAGES)
  const shareable = targetProp
    ? targetProp.kind === 'junction.user_portal' && targetProp.context === 'communications'
    : context === 'communications'
  const copies = (action ?? (shareable ? 'copy' : 'open')) === 'copy'
  const watchVisibility = prefetch === 'visible' && !active && targetProp?.kind !== 'userhub.portal'
  const setRefs = useCallback(
    (node: HTMLButtonElement | null) => {
      live.observer?.disconnect()
      live.observer = null
      if (node && watchVisibility && typeof IntersectionObserver !== 'undefined') {
        const observer = new IntersectionObserver((entries) => {
          if (entries.some((entry) => entry.isIntersecting)) {
            observer.disconnect()
            dispatch({ type: 'activate' })
          }
        })
        observer.observe(node)
        live.observer = observer
      }
      if (typeof ref === 'function') ref(node)
      else if (ref) ref.current = node
    },
    [ref, watchVisibility, live],
  )
  const busy = state === 'loading' || state === 'opening'
  const buttonProps = {
    ...rest,
    ref: setRefs,
    'data-state': state,
    'aria-busy': busy || undefined,
    onClick: live.onClick,
    onPointerEnter: live.onPointerEnter,
    onFocus: live.onFocus,
    onTouchStart: live.onTouchStart,
  }
  const label = children ?? (copies ? messages.copy : messages.open)

  return (
    <>
      {asChild ? (
        <Slot {...(buttonProps as HTMLAttributes<HTMLElement>)}>{children}</Slot>
      ) : (
        <button type="button" {...buttonProps}>
          {label}
        </button>
      )}
      {active ? <SignedUrlObserver target={targetOf(props)} onView={live.onView} onError={live.onError} /> : null}
      {engaged || active ? (
        <span role="status" aria-live="polite" style={visuallyHidden}>
          {launch?.announcement}
        </span>
      ) : null}
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
})
PortalLaunchButton.displayName = 'PortalLaunchButton'
