import { Suspense, useCallback, useReducer, useRef, useState } from 'react'
import { EmbedError } from '../core/errors.js'
import type { PortalLaunchButtonProps } from '../launch/PortalLaunchButton.js'
import { useReportError } from './useReportError.js'

type LaunchButton = typeof import('../launch/PortalLaunchButton.js').PortalLaunchButton

// The launch button's module loads the first time a `link_out` renders: a page without one never loads it.
let loaded: LaunchButton | EmbedError | undefined
let loading: Promise<void> | undefined

function load(): Promise<void> {
  loading ??= import('../launch/PortalLaunchButton.js').then(
    (module) => {
      loaded = module.PortalLaunchButton
    },
    (cause: unknown) => {
      loading = undefined
      loaded = new EmbedError('network', undefined, {
        cause,
        detail:
          process.env.NODE_ENV !== 'production'
            ? "The launch button's module (embedded-portals' launch/PortalLaunchButton.js) did not load."
            : undefined,
      })
    },
  )
  return loading
}

// A server loads it at once, so that its markup holds the button itself; a hydrating browser keeps that
// markup until the module arrives, then hydrates it in place.
if (typeof window === 'undefined') void load()

interface LinkOutButtonProps extends PortalLaunchButtonProps {
  /** The retry button's text, after the module failed to load. */
  retryText: string
}

/** Suspends until the module is there, then is the launch button itself. */
function Loaded({
  buttonRef,
  retry,
  retryText,
  ...props
}: LinkOutButtonProps & { buttonRef: (node: HTMLButtonElement | null) => void; retry: () => void }) {
  const error = loaded instanceof EmbedError ? loaded : undefined
  useReportError(error, props.onError)
  if (!loaded) throw load()
  if (error) {
    return (
      <span role="alert" data-embedded-portals="error" data-state="error" className={props.className}>
        {error.message}{' '}
        <button type="button" onClick={retry}>
          {retryText}
        </button>
      </span>
    )
  }
  const Button = loaded as LaunchButton
  return <Button {...props} ref={buttonRef} />
}

/**
 * `link_out`'s launch button. Until its module is there, an idle button with the same markup stands in
 * (no flash, no shift); the intent, focus or click it took passes on to the launch button.
 */
export function LinkOutButton(props: LinkOutButtonProps) {
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  const [intent, setIntent] = useState(false)
  const showIntent = () => setIntent(true)
  const taken = useRef<'focus' | 'click' | undefined>(undefined)
  const handOver = useCallback((node: HTMLButtonElement | null) => {
    const was = taken.current
    taken.current = undefined
    if (!node || !was) return
    // Removing the focused stand-in left the focus on the body: it comes back here, unless it moved on.
    if (document.activeElement === document.body) node.focus()
    if (was === 'click') node.click()
  }, [])
  const retry = () => {
    loaded = undefined
    rerender()
  }
  return (
    <Suspense
      fallback={
        <button
          className={props.className}
          style={props.style}
          data-state="idle"
          type="button"
          onPointerEnter={showIntent}
          onTouchStart={showIntent}
          onFocus={() => {
            taken.current ??= 'focus'
          }}
          onClick={() => {
            taken.current = 'click'
          }}
        >
          {props.children}
        </button>
      }
    >
      <Loaded {...props} prefetch={intent ? 'render' : props.prefetch} buttonRef={handOver} retry={retry} />
    </Suspense>
  )
}
