import { useCallback, useSyncExternalStore } from 'react'
import { isUsable, type SignedUrl, usableForMs } from '../core/lifecycle.js'

/**
 * Whether `signed` has at least `minRemaining` left, read from the clock as an external store: React
 * reads it at each render and is woken when the URL stops being usable, in case no refresh lands first.
 */
export function useIsUsable(signed: SignedUrl | undefined, minRemaining: number): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const timer = signed ? setTimeout(onChange, usableForMs(signed, Date.now(), minRemaining)) : undefined
      return () => clearTimeout(timer)
    },
    [signed, minRemaining],
  )
  const read = () => isUsable(signed, Date.now(), minRemaining)
  return useSyncExternalStore(subscribe, read, read)
}
