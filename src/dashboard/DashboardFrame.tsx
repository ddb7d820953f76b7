import {
  type CSSProperties,
  forwardRef,
  type ReactNode,
  type Ref,
  useEffect,
  useImperativeHandle,
  useReducer,
  useRef,
  useState,
} from 'react'
import { warnDetail } from '../core/dev-warnings.js'
import { EmbedError } from '../core/errors.js'
import { MIN_REMAINING_MS } from '../core/lifecycle.js'
import type { JunctionDashboardTarget } from '../core/target.js'
import { useDemographicsHandoff } from '../shared/gateContext.js'
import { useVisible } from '../shared/useVisible.js'
import { useSignedUrl } from '../signed-url/useSignedUrl.js'
import { frameReducer, frameState, initialFramePhase } from './frameMachine.js'
import {
  acceptDashboardMessage,
  type DashboardMessage,
  type OrderCreatedEvent,
  type OrderCreationCancelledEvent,
} from './junctionMessages.js'
import type { DashboardEmbedMessages } from './messages.js'

/** What a ref to `<DashboardEmbed>` can do. */
export interface DashboardEmbedHandle {
  /** Loads the dashboard again with a fresh URL (the user's unsaved work in it is lost). */
  reload: () => void
}

/** The frame's props, resolved by `<DashboardEmbed>`. */
export interface DashboardFrameProps {
  target: JunctionDashboardTarget
  /** A fixed URL and its origin (Fast Launch), instead of a signed URL from the endpoint. */
  fixedUrl: { src: string; origin: string } | null
  /** Set when the props are invalid: shown instead of loading anything. */
  invalid: EmbedError | null
  title: string
  sandbox: string
  allow: string
  referrerPolicy: React.HTMLAttributeReferrerPolicy
  height: number | string
  lazy: boolean
  minRemainingMs: number | undefined
  loadTimeoutMs: number
  placeholder: ReactNode
  messages: DashboardEmbedMessages
  className: string | undefined
  style: CSSProperties | undefined
  onLoad: (() => void) | undefined
  onError: ((error: EmbedError) => void) | undefined
  onOrderCreated: ((event: OrderCreatedEvent) => void) | undefined
  onOrderCreationCancelled: ((event: OrderCreationCancelledEvent) => void) | undefined
  onMessage: ((message: DashboardMessage) => void) | undefined
}

/** How far ahead of the viewport a lazy embed starts fetching and loading. */
const LAZY_ROOT_MARGIN = '200px'

const coverStyle: CSSProperties = { position: 'absolute', inset: 0 }

function timeoutError(ms: number): EmbedError {
  return new EmbedError('timeout', 'The dashboard did not finish loading in time.', {
    detail:
      process.env.NODE_ENV !== 'production'
        ? `The frame fired no load event within ${ms} ms (loadTimeoutMs): check the frame-src of your CSP ` +
          "and the vendor's allowed origins for this page's origin."
        : undefined,
  })
}

/** `feature_embed`: the Junction Dashboard in an iframe whose `src` only a retry or `reload()` changes. */
export const DashboardFrame = forwardRef(function DashboardFrame(
  props: DashboardFrameProps,
  ref: Ref<DashboardEmbedHandle>,
) {
  const { target, fixedUrl, invalid, lazy, messages, loadTimeoutMs } = props
  const [phase, dispatch] = useReducer(frameReducer, !lazy, initialFramePhase)
  const [root, setRoot] = useState<HTMLDivElement | null>(null)
  const frameRef = useRef<HTMLIFrameElement | null>(null)
  const latest = useRef(props)
  latest.current = props
  const handoff = useDemographicsHandoff()

  useVisible(root, lazy && phase.kind === 'waiting', () => dispatch({ type: 'wanted' }), LAZY_ROOT_MARGIN)

  // The signed URL is observed only while one is needed: once framed, no refresh can reach the frame.
  const wantsSignedUrl = phase.kind === 'fetching' && fixedUrl === null && invalid === null
  const signed = useSignedUrl(target, {
    enabled: wantsSignedUrl,
    minRemainingMs: props.minRemainingMs ?? MIN_REMAINING_MS,
  })

  useEffect(() => {
    if (phase.kind !== 'fetching' || invalid) return
    if (fixedUrl) {
      dispatch({ type: 'url', ...fixedUrl })
    } else if (signed.status === 'ready') {
      dispatch({ type: 'url', src: signed.url, origin: new URL(signed.url).origin })
      // Framing a URL uses it: it leaves the cache and is never framed or opened again.
      signed.consume()
    } else if (signed.status === 'error') {
      dispatch({ type: 'url-failed', error: signed.error })
    }
  }, [phase.kind, invalid, fixedUrl, signed.status, signed.url, signed.error, signed.consume])

  const loadingAttempt = phase.kind === 'loading' ? phase.attempt : null
  useEffect(() => {
    if (loadingAttempt === null) return
    const timer = setTimeout(
      () => dispatch({ type: 'timeout', attempt: loadingAttempt, error: timeoutError(loadTimeoutMs) }),
      loadTimeoutMs,
    )
    return () => clearTimeout(timer)
  }, [loadingAttempt, loadTimeoutMs])

  const framedOrigin = phase.kind === 'loading' || phase.kind === 'loaded' ? phase.origin : null
  useEffect(() => {
    if (framedOrigin === null) return
    const onMessage = (event: MessageEvent) => {
      const accepted = acceptDashboardMessage(event, frameRef.current?.contentWindow ?? null, framedOrigin)
      if (!accepted) return
      const current = latest.current
      if (accepted.kind === 'order-created') current.onOrderCreated?.(accepted.event)
      else if (accepted.kind === 'order-creation-cancelled') current.onOrderCreationCancelled?.(accepted.event)
      current.onMessage?.(accepted.message)
    }
    window.addEventListener('message', onMessage)
    return () => window.removeEventListener('message', onMessage)
  }, [framedOrigin])

  const error = invalid ?? (phase.kind === 'failed' ? phase.error : null)
  // Each error is reported once: a missing-demographics one to an enclosing gate when there is one.
  useEffect(() => {
    if (!error) return
    warnDetail(error)
    if (error.code === 'demographics_required' && handoff?.requireDemographics(error.missing ?? [])) return
    latest.current.onError?.(error)
  }, [error, handoff])

  const loaded = phase.kind === 'loaded'
  useEffect(() => {
    if (loaded) latest.current.onLoad?.()
  }, [loaded])

  const restart = () => {
    dispatch({ type: 'restart' })
    if (!latest.current.fixedUrl) void signed.refetch()
  }
  useImperativeHandle(ref, () => ({ reload: restart }))

  const state = invalid ? 'error' : frameState(phase)
  const framed = phase.kind === 'loading' || phase.kind === 'loaded' ? phase : null

  return (
    <div
      ref={setRoot}
      className={props.className}
      data-embedded-portals="dashboard"
      data-state={state}
      aria-busy={state === 'loading' || undefined}
      style={{ position: 'relative', width: '100%', height: props.height, ...props.style }}
    >
      {framed ? (
        <iframe
          key={framed.attempt}
          ref={frameRef}
          src={framed.src}
          title={props.title}
          sandbox={props.sandbox}
          allow={props.allow}
          referrerPolicy={props.referrerPolicy}
          onLoad={() => dispatch({ type: 'load', attempt: framed.attempt })}
          style={{
            display: 'block',
            width: '100%',
            height: '100%',
            border: 0,
            visibility: framed.kind === 'loaded' ? 'visible' : 'hidden',
          }}
        />
      ) : null}
      {state === 'loading' || state === 'idle' ? (
        <div style={framed ? coverStyle : undefined}>{props.placeholder}</div>
      ) : null}
      {error ? (
        <div role="alert" data-embedded-portals="error">
          <p>
            {error.code === 'demographics_required'
              ? messages.demographicsRequired
              : phase.kind === 'failed' && phase.reason === 'timeout'
                ? messages.timeout
                : `${messages.failed} ${error.message}`}
          </p>
          {phase.kind === 'failed' && phase.reason === 'timeout' ? (
            <ul>
              {messages.timeoutCauses.map((cause) => (
                <li key={cause}>{cause}</li>
              ))}
            </ul>
          ) : null}
          {invalid ? null : (
            <button type="button" onClick={restart}>
              {messages.retry}
            </button>
          )}
        </div>
      ) : null}
    </div>
  )
})
DashboardFrame.displayName = 'DashboardFrame'
