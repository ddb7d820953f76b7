import { useEffect, useReducer, useRef, useState } from 'react'
import type { EmbedError } from '../core/errors.js'
import type { Target } from '../core/target.js'
import { useEmbedContext } from '../provider/context.js'
import { useDemographicsHandoff } from '../shared/gateContext.js'
import { useVisible } from '../shared/useVisible.js'
import { useSignedUrl } from '../signed-url/useSignedUrl.js'
import {
  errorReporter,
  IDLE_VIEW,
  type LaunchMachine,
  launchMachine,
  REST,
  type UseLaunchOptions,
} from './launchMachine.js'
import type { LaunchPhase } from './runLaunch.js'

export type { LaunchPrefetch, LaunchState, UseLaunchOptions } from './launchMachine.js'
export type { LaunchAction, LaunchEvent, LaunchOpenIn } from './runLaunch.js'

export interface UseLaunchResult extends Omit<LaunchMachine, 'prefetch'> {
  /** For `prefetch="visible"`: attach to the element whose visibility counts. */
  visibilityRef: (element: Element | null) => void
}

const setPhase = (_: LaunchPhase, next: LaunchPhase) => next

/**
 * The launch logic behind `<PortalLaunchButton>`, for hosts with their own UI: prefetch on intent,
 * open in the click (or a placeholder tab that follows when the URL arrives), a fallback link when the
 * browser blocks the tab, copy for shareable links, and every URL used once. Call `launch()`
 * synchronously inside the click handler, and `intent()` on pointer enter, focus and touch start.
 */
export function useLaunch(target: Target, options: UseLaunchOptions = {}): UseLaunchResult {
  const { config, queryClient } = useEmbedContext('useLaunch')
  const handoff = useDemographicsHandoff()
  const [active, setActive] = useState(options.prefetch === 'render' && target.kind !== 'userhub.portal')
  const [phase, update] = useReducer(setPhase, REST)
  const [element, setElement] = useState<Element | null>(null)
  const latest = useRef(options)
  // Handlers and effects run after the commit: by then this holds the options of the last render.
  useEffect(() => {
    latest.current = options
  })
  const reported = useRef<EmbedError | null>(null)
  const reportError = errorReporter(reported, handoff, (error) => latest.current.onError?.(error))
  const signed = useSignedUrl(target, { enabled: active })

  const machine = launchMachine({
    target,
    options,
    config,
    queryClient,
    handoff,
    phase,
    // Before the first intent nothing is observed: an error cached by another user of the target is not this button's.
    view: active ? signed : IDLE_VIEW,
    active,
    setPhase: update,
    activate: () => setActive(true),
    reportError,
    reportLaunch: (event) => latest.current.onLaunch?.(event),
  })
  const prefetchError = active && signed.status === 'error' ? signed.error : null
  // biome-ignore lint/correctness/useExhaustiveDependencies: reported once per error object
  useEffect(() => {
    if (prefetchError) reportError(prefetchError)
  }, [prefetchError])
  useVisible(element, machine.prefetch === 'visible' && !active, () => setActive(true))
  const { prefetch: _prefetch, ...rest } = machine
  return { ...rest, visibilityRef: setElement }
}
