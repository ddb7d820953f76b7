import { useEffect } from 'react'

/**
 * Calls `onVisible` once when `element` first comes into the viewport (grown by `rootMargin`, such as
 * `'200px'` for "near it"), while `enabled`. Without IntersectionObserver, it calls at once. Pass a
 * stable `onVisible` (`useCallback`): a new one starts a new observer.
 */
export function useVisible(
  element: Element | null,
  enabled: boolean,
  onVisible: () => void,
  rootMargin?: string | undefined,
): void {
  useEffect(() => {
    if (!element || !enabled) return
    if (typeof IntersectionObserver === 'undefined') return onVisible()
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect()
          onVisible()
        }
      },
      rootMargin ? { rootMargin } : undefined,
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [element, enabled, onVisible, rootMargin])
}
