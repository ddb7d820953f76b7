import type { QueryClient } from '@tanstack/react-query'
import { EmbedError } from '../core/errors.js'
import { MIN_REMAINING_MS } from '../core/lifecycle.js'
import type { Target } from '../core/target.js'
import type { EmbedClientConfig } from '../core/wire-client.js'
import type { DemographicsGateHandoff } from '../shared/gateContext.js'
import { signedUrlActions } from '../signed-url/signedUrlActions.js'
import { signedUrlQueryOptions } from '../signed-url/signedUrlQueryOptions.js'
import { DEFAULT_LAUNCH_MESSAGES, type LaunchMessages } from './messages.js'
import { type LaunchAction, type LaunchEvent, type LaunchOpenIn, type LaunchPhase, runLaunch } from './runLaunch.js'

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

/** What an observer of the signed URL reports (nothing is observed before the first intent). */
export interface SignedUrlView {
  status: 'idle' | 'loading' | 'ready' | 'error'
  error: EmbedError | null
}

export const IDLE_VIEW: SignedUrlView = { status: 'idle', error: null }
export const REST: LaunchPhase = { kind: 'rest' }

export interface LaunchMachine {
  state: LaunchState
  /** The error behind `error` and `demographics-required`. */
  error: EmbedError | null
  /** The URL to offer as a link when the browser blocked the tab (`state === 'blocked'`). */
  blockedUrl: string | undefined
  /** The link to show for manual copying when the clipboard refused it. */
  manualCopyUrl: string | undefined
  /** A polite announcement for a live region ("Link copied", "Opening…"), or ''. */
  announcement: string
  messages: LaunchMessages
  action: LaunchAction
  prefetch: LaunchPrefetch
  /** Call synchronously inside the click handler: it may open a tab, which browsers allow only there. */
  launch: () => void
  /** Signals intent (pointer enter, focus, touch start): prefetches when the policy says so. */
  intent: () => void
  /** Clears the error and tries again. */
  retry: () => void
  /** Call when the fallback link was used. */
  linkUsed: () => void
}

/** Everything the machine reads; the caller owns the state (so it can keep it in one reducer). */
export interface LaunchMachineInput {
  target: Target
  options: UseLaunchOptions
  config: EmbedClientConfig
  queryClient: QueryClient
  handoff: DemographicsGateHandoff | null
  phase: LaunchPhase
  view: SignedUrlView
  active: boolean
  setPhase: (phase: LaunchPhase) => void
  activate: () => void
  /** Reports an error once (to `onError`, or to a demographics gate). */
  reportError: (error: EmbedError) => void
  /** Reports a launch to `onLaunch`. */
  reportLaunch: (event: LaunchEvent) => void
}

function defaultAction(target: Target): LaunchAction {
  return target.kind === 'junction.user_portal' && target.context === 'communications' ? 'copy' : 'open'
}

/**
 * The launch state machine shared by `useLaunch` and `<PortalLaunchButton>`, as a plain function of
 * its input. It observes nothing itself: everything it does to the URL goes through the cache, so a
 * button costs nothing until the user shows intent.
 */
export function launchMachine(input: LaunchMachineInput): LaunchMachine {
  const { target, options, phase, view, active, handoff } = input
  const action = options.action ?? defaultAction(target)
  const singleUse = target.kind === 'userhub.portal'
  const prefetch: LaunchPrefetch = singleUse ? 'none' : (options.prefetch ?? 'intent')
  const messages = options.messages ? { ...DEFAULT_LAUNCH_MESSAGES, ...options.messages } : DEFAULT_LAUNCH_MESSAGES
  const actions = () =>
    signedUrlActions(input.queryClient, signedUrlQueryOptions(target, input.config), MIN_REMAINING_MS)

  const error = phase.kind === 'failed' ? phase.error : view.status === 'error' ? view.error : null
  const handedOver = error?.code === 'demographics_required' && handoff !== null

  let state: LaunchState
  if (phase.kind === 'opening') state = 'opening'
  else if (phase.kind === 'blocked') state = 'blocked'
  else if (error) state = error.code === 'demographics_required' && !handedOver ? 'demographics-required' : 'error'
  else if (view.status === 'ready') state = 'ready'
  else if (view.status === 'loading') state = 'loading'
  else state = 'idle'

  return {
    state,
    error: state === 'error' || state === 'demographics-required' ? error : null,
    blockedUrl: phase.kind === 'blocked' ? phase.url : undefined,
    manualCopyUrl: phase.kind === 'manual-copy' ? phase.url : undefined,
    announcement: phase.kind === 'copied' ? messages.copied : phase.kind === 'opening' ? messages.opening : '',
    messages,
    action,
    prefetch,
    launch() {
      if (phase.kind === 'opening') return
      if (state === 'demographics-required') {
        // Known to fail until the details are completed: ask again without a placeholder tab, so none
        // flashes open and shut. Once they are, the next click opens the portal.
        void actions().refetch()
        return
      }
      runLaunch(
        actions(),
        { action, openIn: options.openIn ?? 'new-tab', singleUse, opening: messages.opening },
        (next, event) => {
          input.setPhase(next)
          if (next.kind === 'failed') input.reportError(next.error)
          // Not an error state (the fallback link is there), but the host hears of it, once per launch.
          if (next.kind === 'blocked') input.reportError(new EmbedError('popup_blocked'))
          if (event) input.reportLaunch(event)
        },
      )
    },
    intent() {
      if (prefetch === 'none') return
      if (!active) return input.activate()
      const signed = actions()
      if (!signed.getUsableUrl()) void signed.refetch()
    },
    retry() {
      input.setPhase(REST)
      void actions().refetch()
    },
    linkUsed() {
      input.setPhase(REST)
      input.reportLaunch({ action, via: 'link' })
    },
  }
}

/** Reports each error once: a `demographics_required` to an enclosing gate when there is one, else to `onError`. */
export function errorReporter(
  reported: { current: EmbedError | null },
  handoff: DemographicsGateHandoff | null,
  onError: ((error: EmbedError) => void) | undefined,
): (error: EmbedError) => void {
  return (error) => {
    if (reported.current === error) return
    reported.current = error
    if (error.code === 'demographics_required' && handoff?.requireDemographics(error.missing ?? [])) return
    onError?.(error)
  }
}
