import { useEffect, useRef } from 'react'

/**
 * Calls `onVisible` once when `element` first comes into the viewport (grown by `rootMargin`, such as
 * `'200px'` for "near it"), while `enabled`. Without IntersectionObserver, it calls at once.
 */
export function useVisible(
  element: Element | null,
  enabled: boolean,
  onVisible: () => void,
  rootMargin?: string | undefined,
): void {
  const latest = useRef(onVisible)
  useEffect(() => {
    latest.current = onVisible
  })
  useEffect(() => {
    if (!element || !enabled) return
    if (typeof IntersectionObserver === 'undefined') {
      latest.current()
      return
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect()
          latest.current()
        }
      },
      rootMargin ? { rootMargin } : undefined,
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [element, enabled, rootMargin])
}
