import { useCallback, useContext, useEffect, useRef, useState } from 'react'
import { warnDetail } from '../core/devWarnings.js'
import type { EmbedError } from '../core/errors.js'
import { popupBlockedError } from '../core/framing.js'
import { isSignedOut } from '../core/signedOut.js'
import type { Target } from '../core/target.js'
import { DemographicsGateContext } from '../shared/gateContext.js'
import { useVisible } from '../shared/useVisible.js'
import { useSignedUrl } from '../signedUrl/useSignedUrl.js'
import { DEFAULT_LAUNCH_MESSAGES, type LaunchMessages } from './messages.js'
import {
  followBlockedLink,
  type LaunchAction,
  type LaunchEvent,
  type LaunchOpenIn,
  type LaunchPhase,
  runLaunch,
} from './runLaunch.js'

export type { LaunchAction, LaunchEvent, LaunchOpenIn } from './runLaunch.js'

export type LaunchPrefetch = 'intent' | 'render' | 'visible' | 'none'

/** What the launch UI shows; also the `data-state` of `<PortalLaunchButton>`. */
export type LaunchState = 'idle' | 'loading' | 'ready' | 'opening' | 'blocked' | 'error' | 'demographics-required'

export interface UseLaunchOptions {
  /** Default: `'copy'` for Junction `communications` links, else `'open'`. */
  action?: LaunchAction | undefined
  /** Default `'new-tab'`. */
  openIn?: LaunchOpenIn | undefined
  /** When to fetch the URL ahead of the click. Default `'intent'`. UserHub's single-use URLs are always minted at the click. */
  prefetch?: LaunchPrefetch | undefined
  /** After the portal opened or the link was copied. */
  onLaunch?: ((event: LaunchEvent) => void) | undefined
  /** Every error, once: prefetch and launch failures, and `popup_blocked` when the browser blocked the tab (the fallback link is then shown). A refused clipboard is none: the link is then shown for copying by hand. */
  onError?: ((error: EmbedError) => void) | undefined
  /** Texts to override. */
  messages?: Partial<LaunchMessages> | undefined
}

/** What `useLaunch` offers whatever its status. */
export interface LaunchControls {
  /** The link to show for copying by hand: the clipboard refused it, or the fallback link could open no tab. */
  manualCopyUrl: string | undefined
  /** A polite announcement for a live region ("Link copied", "Opening…"), or ''. */
  announcement: string
  messages: LaunchMessages
  action: LaunchAction
  /** Call synchronously inside the click handler: it may open a tab, which browsers allow only there. */
  launch: () => void
  /** Signals intent (pointer enter, focus, touch start): prefetches when the policy says so. */
  intent: () => void
  /** Clears the error and tries again. */
  retry: () => void
  /**
   * The fallback link's click handler (pass it the event): it opens the tab itself, in the click, instead
   * of the link's own navigation, and checks that it opened. Where no tab can open (a frame sandboxed
   * without `allow-popups`), the link is copied and offered in `manualCopyUrl` instead.
   */
  followLink: (event: { preventDefault(): void }) => void
  /** For `prefetch="visible"`: attach to the element whose visibility counts. */
  visibilityRef: (element: Element | null) => void
}

/**
 * The launch, by `status` (also the button's `data-state`): `idle` before any intent, `loading` while
 * the URL is fetched ahead of the click, `ready` with a URL that opens in the click, `opening` while a
 * launch waits for its URL, `blocked` with the URL the browser kept from opening (offer it as a link),
 * `error`, or `demographics-required` when no `<DemographicsGate>` takes that error over.
 */
export type UseLaunchResult = LaunchControls &
  (
    | { status: 'idle' | 'loading' | 'ready' | 'opening'; error: null; blockedUrl: undefined }
    | { status: 'blocked'; error: null; blockedUrl: string }
    | { status: 'error'; error: EmbedError; blockedUrl: undefined }
    | { status: 'demographics-required'; error: EmbedError; blockedUrl: undefined }
  )

const REST: LaunchPhase = { kind: 'rest' }

/**
 * The launch logic behind `<PortalLaunchButton>`, for hosts with their own UI: prefetch on intent,
 * open in the click (or a placeholder tab that follows when the URL arrives), a fallback link when the
 * browser blocks the tab, copy for shareable links, and every URL used once. Call `launch()`
 * synchronously inside the click handler, and `intent()` on pointer enter, focus and touch start.
 * Until the first intent nothing is observed, fetched or scheduled.
 */
export function useLaunch(target: Target, options: UseLaunchOptions = {}): UseLaunchResult {
  const handoff = useContext(DemographicsGateContext)
  const singleUse = target.kind === 'userhub.portal'
  const prefetch = singleUse ? 'none' : (options.prefetch ?? 'intent')
  const action =
    options.action ?? (target.kind === 'junction.user_portal' && target.context === 'communications' ? 'copy' : 'open')
  const messages = options.messages ? { ...DEFAULT_LAUNCH_MESSAGES, ...options.messages } : DEFAULT_LAUNCH_MESSAGES
  const [active, setActive] = useState(prefetch === 'render')
  const [phase, setPhase] = useState(REST)
  const [element, setElement] = useState<Element | null>(null)
  const signed = useSignedUrl(target, { enabled: active })
  const latest = useRef(options)
  const reported = useRef<EmbedError | null>(null)
  const seenError = useRef<EmbedError | null>(null)

  /** Each error once: a `demographics_required` to an enclosing gate when there is one, else to `onError`. */
  const report = (error: EmbedError) => {
    if (reported.current === error) return
    reported.current = error
    if (error.code === 'demographics_required' && handoff?.requireDemographics(error.missing ?? [])) return
    latest.current.onError?.(error)
  }

  // Before the first intent nothing is observed: an error cached by another user of the target is not this one's.
  const observed = active ? signed : null
  const error = phase.kind === 'failed' ? phase.error : (observed?.error ?? null)
  // Without a gate to take it over, a demographics_required error is a status of its own.
  const needsDetails = error?.code === 'demographics_required' && !handoff
  // Known to fail until the user signs in again.
  const signedOut = isSignedOut(error)

  // After each commit: handlers and callbacks that settle later read the options of the last render,
  // and a new error of the observed URL is reported, once.
  const observedError = observed?.error ?? null
  useEffect(() => {
    latest.current = options
    if (observedError === seenError.current) return
    seenError.current = observedError
    if (observedError) report(observedError)
  })
  /** Shows a launch's new phase, and tells the host what it needs to hear of it. */
  const advanceTo = (next: LaunchPhase, event?: LaunchEvent) => {
    setPhase(next)
    if (next.kind === 'failed') report(next.error)
    // Not an error state (the fallback link is there), but the host hears of it, once per launch.
    if (next.kind === 'blocked') {
      const blocked = popupBlockedError()
      if (process.env.NODE_ENV !== 'production') warnDetail(blocked)
      report(blocked)
    }
    if (event) latest.current.onLaunch?.(event)
  }

  const activate = useCallback(() => setActive(true), [])
  useVisible(element, prefetch === 'visible' && !active, activate)

  const controls: LaunchControls = {
    manualCopyUrl: phase.kind === 'manual-copy' ? phase.url : undefined,
    announcement:
      phase.kind === 'copied' || (phase.kind === 'manual-copy' && phase.copied)
        ? messages.copied
        : phase.kind === 'opening'
          ? messages.opening
          : '',
    messages,
    action,
    launch() {
      if (phase.kind === 'opening') return
      if (error && (needsDetails || signedOut)) {
        // Known to fail until the details are completed or the user signs in again: ask once, without a
        // placeholder tab, so none flashes open and shut. Once they are, the next click opens the portal.
        // The error stays while the answer is awaited, so that another click or a focus asks nothing more.
        setPhase({ kind: 'failed', error })
        void signed.refetch().then(() => setPhase(REST))
        return
      }
      runLaunch(
        signed,
        { action, openIn: options.openIn ?? 'new-tab', singleUse, opening: messages.opening },
        advanceTo,
      )
    },
    intent() {
      if (prefetch === 'none') return
      if (!active) return setActive(true)
      if (!signed.getUsableUrl() && !signedOut) void signed.refetch()
    },
    retry() {
      setPhase(REST)
      void signed.refetch()
    },
    followLink(event) {
      event.preventDefault()
      if (phase.kind === 'blocked') followBlockedLink(phase, action, advanceTo)
    },
    visibilityRef: setElement,
  }
  if (phase.kind === 'opening') return { ...controls, status: 'opening', error: null, blockedUrl: undefined }
  if (phase.kind === 'blocked') return { ...controls, status: 'blocked', error: null, blockedUrl: phase.url }
  if (error)
    return { ...controls, status: needsDetails ? 'demographics-required' : 'error', error, blockedUrl: undefined }
  const status = observed && observed.status !== 'error' ? observed.status : 'idle'
  return { ...controls, status, error: null, blockedUrl: undefined }
}
