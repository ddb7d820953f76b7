import { useEffect, useRef } from 'react'

/** Calls `onVisible` once when `element` first comes into the viewport, while `enabled`. */
export function useVisible(element: Element | null, enabled: boolean, onVisible: () => void): void {
  const latest = useRef(onVisible)
  latest.current = onVisible
  useEffect(() => {
    if (!element || !enabled || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect()
        latest.current()
      }
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [element, enabled])
}
