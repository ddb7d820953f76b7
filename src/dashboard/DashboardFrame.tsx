import {
  type CSSProperties,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useReducer,
  useRef,
  useState,
} from 'react'
import { EmbedError } from '../core/errors.js'
import { useVisible } from '../shared/useVisible.js'
import { useSignedUrl } from '../signedUrl/useSignedUrl.js'
import {
  DEFAULT_DASHBOARD_ALLOW,
  DEFAULT_DASHBOARD_HEIGHT,
  DEFAULT_DASHBOARD_SANDBOX,
  DEFAULT_LOAD_TIMEOUT_MS,
} from './defaults.js'
import { frameReducer } from './frameMachine.js'
import { acceptDashboardMessage } from './junctionMessages.js'
import { defaultFrameTitle } from './messages.js'
import type { DashboardViewProps } from './resolve.js'
import { useReportError } from './useReportError.js'

/** What a ref to `<DashboardEmbed>` can do. */
export interface DashboardEmbedHandle {
  /** Loads the dashboard again with a fresh URL (the user's unsaved work in it is lost). */
  reload: () => void
}

/** How far ahead of the viewport a lazy embed starts fetching and loading. */
const LAZY_ROOT_MARGIN = '200px'

const coverStyle: CSSProperties = { position: 'absolute', inset: 0 }

/** `feature_embed`: the Junction Dashboard in an iframe whose `src` only a retry or `reload()` changes. */
export function DashboardFrame({
  props,
  target,
  fixedUrl,
  invalid,
  messages,
  handle,
}: DashboardViewProps & { handle: Ref<DashboardEmbedHandle> }) {
  const { onOrderCreated, onOrderCreationCancelled, onMessage } = props
  const loadTimeoutMs = props.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS
  const [phase, dispatch] = useReducer(frameReducer, { kind: props.lazy ? 'idle' : 'loading' })
  const [root, setRoot] = useState<HTMLDivElement | null>(null)
  const frameRef = useRef<HTMLIFrameElement>(null)
  const src = 'src' in phase ? phase.src : undefined

  const wanted = useCallback(() => dispatch({ type: 'wanted' }), [])
  useVisible(root, phase.kind === 'idle', wanted, LAZY_ROOT_MARGIN)

  // The signed URL is observed only while one is needed: once framed, no refresh can reach the frame.
  const fetching = phase.kind === 'loading' && !src && !invalid
  const signed = useSignedUrl(target, { enabled: fetching && !fixedUrl, minRemainingMs: props.minRemainingMs })

  const url = fixedUrl ?? signed.url
  const { consume } = signed
  useEffect(() => {
    if (!fetching) return
    if (url) {
      dispatch({ type: 'url', src: url })
      // Framing a signed URL uses it: it leaves the cache and is never framed or opened again.
      if (!fixedUrl) consume()
    } else if (signed.error) {
      dispatch({ type: 'fail', error: signed.error })
    }
  }, [fetching, url, fixedUrl, signed.error, consume])

  useEffect(() => {
    if (phase.kind !== 'loading' || !phase.src) return
    const timer = setTimeout(() => {
      const options =
        process.env.NODE_ENV !== 'production'
          ? {
              detail:
                `The frame fired no load event within ${loadTimeoutMs} ms (loadTimeoutMs): check the frame-src ` +
                "of your CSP and the vendor's allowed origins for this page's origin.",
            }
          : undefined
      dispatch({
        type: 'fail',
        error: new EmbedError('timeout', 'The dashboard did not finish loading in time.', options),
      })
    }, loadTimeoutMs)
    return () => clearTimeout(timer)
  }, [phase, loadTimeoutMs])

  useEffect(() => {
    if (!src) return
    const origin = new URL(src).origin
    const handlers = { onOrderCreated, onOrderCreationCancelled, onMessage }
    const listener = (event: MessageEvent) =>
      acceptDashboardMessage(event, frameRef.current?.contentWindow, origin, handlers)
    window.addEventListener('message', listener)
    return () => window.removeEventListener('message', listener)
  }, [src, onOrderCreated, onOrderCreationCancelled, onMessage])

  const error = invalid ?? (phase.kind === 'error' ? phase.error : undefined)
  useReportError(error, props.onError)

  const restart = () => {
    dispatch({ type: 'restart' })
    if (!fixedUrl && !invalid) void signed.refetch()
  }
  useImperativeHandle(handle, () => ({ reload: restart }))

  const demographics = error?.code === 'demographics_required'
  const state = demographics ? 'demographics-required' : error ? 'error' : phase.kind
  const timedOut = phase.kind === 'error' && phase.timedOut

  return (
    <div
      ref={setRoot}
      className={props.className}
      data-embedded-portals="dashboard"
      data-state={state}
      aria-busy={state === 'loading' || undefined}
      style={{ position: 'relative', width: '100%', height: props.height ?? DEFAULT_DASHBOARD_HEIGHT, ...props.style }}
    >
      {src ? (
        <iframe
          ref={frameRef}
          src={src}
          title={props.title ?? defaultFrameTitle(props.feature)}
          sandbox={props.sandbox ?? DEFAULT_DASHBOARD_SANDBOX}
          allow={props.allow ?? DEFAULT_DASHBOARD_ALLOW}
          referrerPolicy={props.referrerPolicy ?? 'strict-origin'}
          onLoad={
            phase.kind === 'loading'
              ? () => {
                  dispatch({ type: 'load' })
                  props.onLoad?.()
                }
              : undefined
          }
          style={{
            display: 'block',
            width: '100%',
            height: '100%',
            border: 0,
            visibility: phase.kind === 'ready' ? 'visible' : 'hidden',
          }}
        />
      ) : null}
      {state === 'loading' || state === 'idle' ? (
        <div style={src ? coverStyle : undefined}>
          {props.placeholder ?? <span role="status">{messages.loading}</span>}
        </div>
      ) : null}
      {error ? (
        <div role="alert" data-embedded-portals="error">
          <p>
            {demographics
              ? messages.demographicsRequired
              : timedOut
                ? messages.timeout
                : `${messages.failed} ${error.message}`}
          </p>
          {timedOut ? (
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
}
