import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react'
import { copyText } from '../core/clipboard.js'
import { EmbedError, isEmbedError } from '../core/errors.js'
import { closeTab, navigateSameTab, openPlaceholderTab, openTab, sendTab } from '../core/tab.js'
import type { Target } from '../core/target.js'
import { useDemographicsHandoff } from '../demographics/gate-context.js'
import { useSignedUrl } from '../signed-url/useSignedUrl.js'
import { DEFAULT_LAUNCH_MESSAGES, type LaunchMessages } from './messages.js'

export type LaunchAction = 'open' | 'copy'
export type LaunchOpenIn = 'new-tab' | 'same-tab'
export type LaunchPrefetch = 'intent' | 'render' | 'visible' | 'none'

/** What the launch UI shows; also the `data-state` of `<PortalLaunchButton>`. */
export type LaunchState = 'idle' | 'loading' | 'ready' | 'opening' | 'blocked' | 'error' | 'demographics-required'

/** How a launch went, for `onLaunch`. */
export interface LaunchEvent {
  action: LaunchAction
  /** `direct`: a fresh URL opened in the click; `placeholder`: a tab opened first, sent on arrival; `same-tab`; `link`: the fallback link; `clipboard`. */
  via: 'direct' | 'placeholder' | 'same-tab' | 'link' | 'clipboard'
}

export interface UseLaunchOptions {
  /** Default: `'copy'` for Junction `communications` links, else `'open'`. */
  action?: LaunchAction | undefined
  /** Default `'new-tab'`. */
  openIn?: LaunchOpenIn | undefined
  /** When to fetch the URL ahead of the click. Default `'intent'`. UserHub's single-use URLs are always minted at the click. */
  prefetch?: LaunchPrefetch | undefined
  /** After the portal opened or the link was copied. */
  onLaunch?: ((event: LaunchEvent) => void) | undefined
  /** Every error, once: prefetch, launch, clipboard, blocked tab. */
  onError?: ((error: EmbedError) => void) | undefined
  /** Texts to override. */
  messages?: Partial<LaunchMessages> | undefined
}

export interface UseLaunchResult {
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
  /** Call synchronously inside the click handler: it may open a tab, which browsers allow only there. */
  launch: () => void
  /** Signals intent (pointer enter, focus, touch start): prefetches when the policy says so. */
  intent: () => void
  /** For `prefetch="visible"`: attach to the element whose visibility counts. */
  visibilityRef: (element: Element | null) => void
  /** Clears the error and tries again. */
  retry: () => void
  /** Call when the fallback link was used: its URL is then consumed. */
  linkUsed: () => void
}

type Phase =
  | { kind: 'rest' }
  | { kind: 'opening' }
  | { kind: 'blocked'; url: string }
  | { kind: 'copied' }
  | { kind: 'manual-copy'; url: string }
  | { kind: 'failed'; error: EmbedError }

function asEmbedError(error: unknown): EmbedError {
  return isEmbedError(error) ? error : new EmbedError('network', undefined, { cause: error })
}

function defaultAction(target: Target): LaunchAction {
  return target.kind === 'junction.user_portal' && target.context === 'communications' ? 'copy' : 'open'
}

/**
 * The launch logic behind `<PortalLaunchButton>`, for hosts with their own UI: prefetch on intent,
 * open in the click (or a placeholder tab that follows when the URL arrives), a fallback link when the
 * browser blocks the tab, copy for shareable links, and every URL used once.
 */
export function useLaunch(target: Target, options: UseLaunchOptions = {}): UseLaunchResult {
  const action = options.action ?? defaultAction(target)
  const openIn = options.openIn ?? 'new-tab'
  const singleUse = target.kind === 'userhub.portal'
  const prefetch: LaunchPrefetch = singleUse ? 'none' : (options.prefetch ?? 'intent')
  const messages = useMemo(() => ({ ...DEFAULT_LAUNCH_MESSAGES, ...options.messages }), [options.messages])
  const handoff = useDemographicsHandoff()

  const [wanted, want] = useReducer(() => true, prefetch === 'render')
  const [phase, setPhase] = useReducer((_: Phase, next: Phase) => next, { kind: 'rest' })
  const signed = useSignedUrl(target, { enabled: prefetch !== 'none' && wanted })
  const { getUsableUrl, fetchFresh, consume, refetch } = signed

  const callbacks = useRef(options)
  callbacks.current = options
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const update = useCallback((next: Phase) => {
    if (mounted.current) setPhase(next)
  }, [])

  const succeed = useCallback(
    (event: LaunchEvent, next: Phase = { kind: 'rest' }) => {
      update(next)
      callbacks.current.onLaunch?.(event)
    },
    [update],
  )

  const intent = useCallback(() => {
    if (prefetch === 'none') return
    want()
    if (wanted && !getUsableUrl()) void refetch()
  }, [prefetch, wanted, getUsableUrl, refetch])

  const launch = useCallback(() => {
    if (phase.kind === 'opening') return
    const cached = singleUse ? undefined : getUsableUrl()

    if (action === 'copy') {
      const url = cached ? cached.url : fetchFresh().then((fresh) => fresh.url)
      update({ kind: 'opening' })
      void copyText(url).then(
        async (copied) => {
          if (copied) return succeed({ action, via: 'clipboard' }, { kind: 'copied' })
          try {
            update({ kind: 'manual-copy', url: await url })
          } catch (error) {
            update({ kind: 'failed', error: asEmbedError(error) })
          }
        },
        (error: unknown) => update({ kind: 'failed', error: asEmbedError(error) }),
      )
      return
    }

    if (openIn === 'same-tab') {
      if (cached) {
        consume()
        navigateSameTab(cached.url)
        return succeed({ action, via: 'same-tab' })
      }
      update({ kind: 'opening' })
      fetchFresh().then(
        (fresh) => {
          consume()
          navigateSameTab(fresh.url)
          succeed({ action, via: 'same-tab' })
        },
        (error: unknown) => update({ kind: 'failed', error: asEmbedError(error) }),
      )
      return
    }

    if (cached) {
      const tab = openTab(cached.url)
      consume()
      if (tab) return succeed({ action, via: 'direct' })
      return update({ kind: 'blocked', url: cached.url })
    }

    const placeholder = openPlaceholderTab({ opening: messages.opening })
    update({ kind: 'opening' })
    fetchFresh().then(
      (fresh) => {
        consume()
        if (placeholder && !placeholder.closed) {
          sendTab(placeholder, fresh.url)
          succeed({ action, via: 'placeholder' })
        } else {
          update({ kind: 'blocked', url: fresh.url })
        }
      },
      (error: unknown) => {
        if (placeholder) closeTab(placeholder)
        update({ kind: 'failed', error: asEmbedError(error) })
      },
    )
  }, [phase.kind, singleUse, getUsableUrl, action, openIn, fetchFresh, consume, update, succeed, messages.opening])

  const retry = useCallback(() => {
    update({ kind: 'rest' })
    void refetch()
  }, [update, refetch])

  const linkUsed = useCallback(() => {
    succeed({ action, via: 'link' })
  }, [succeed, action])

  // Prefetch when the element comes near the viewport.
  const observer = useRef<IntersectionObserver | null>(null)
  const visibilityRef = useCallback(
    (element: Element | null) => {
      observer.current?.disconnect()
      observer.current = null
      if (!element || prefetch !== 'visible' || typeof IntersectionObserver === 'undefined') return
      observer.current = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          want()
          observer.current?.disconnect()
        }
      })
      observer.current.observe(element)
    },
    [prefetch],
  )
  useEffect(() => () => observer.current?.disconnect(), [])

  const error = phase.kind === 'failed' ? phase.error : signed.status === 'error' ? signed.error : null

  // Report each error once, and hand missing demographics to an enclosing gate.
  const reported = useRef<EmbedError | null>(null)
  const handedOver = error?.code === 'demographics_required' && handoff !== null
  useEffect(() => {
    if (!error || reported.current === error) return
    reported.current = error
    if (error.code === 'demographics_required' && handoff?.requireDemographics(error.missing ?? [])) return
    callbacks.current.onError?.(error)
  }, [error, handoff])

  let state: LaunchState
  if (phase.kind === 'opening') state = 'opening'
  else if (phase.kind === 'blocked') state = 'blocked'
  else if (error) state = error.code === 'demographics_required' && !handedOver ? 'demographics-required' : 'error'
  else if (signed.status === 'ready') state = 'ready'
  else if (signed.status === 'loading') state = 'loading'
  else state = 'idle'

  const announcement = phase.kind === 'copied' ? messages.copied : phase.kind === 'opening' ? messages.opening : ''

  return {
    state,
    error: state === 'error' || state === 'demographics-required' ? error : null,
    blockedUrl: phase.kind === 'blocked' ? phase.url : undefined,
    manualCopyUrl: phase.kind === 'manual-copy' ? phase.url : undefined,
    announcement,
    messages,
    action,
    launch,
    intent,
    visibilityRef,
    retry,
    linkUsed,
  }
}
