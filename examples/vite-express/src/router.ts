import { type MouseEvent, useEffect, useState } from 'react'

// A two-route router (/ and /patients/:id) on the History API; use your own router instead.

export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname)
  useEffect(() => {
    const onChange = () => setPath(window.location.pathname)
    window.addEventListener('popstate', onChange)
    return () => window.removeEventListener('popstate', onChange)
  }, [])
  return path
}

/** A link's onClick that navigates without a reload (modified clicks keep their usual meaning). */
export function navigate(event: MouseEvent<HTMLAnchorElement>) {
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return
  event.preventDefault()
  window.history.pushState(null, '', event.currentTarget.pathname)
  window.dispatchEvent(new PopStateEvent('popstate'))
}
