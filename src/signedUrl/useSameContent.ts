import { hashKey } from '@tanstack/react-query'
import { useState } from 'react'

/**
 * `value` as first seen with its content (compared as react-query compares keys: `hashKey`), so that an
 * inline object literal keeps one identity across renders until its content changes.
 */
export function useSameContent<T>(value: T): T {
  const hash = hashKey([value])
  const [kept, setKept] = useState<readonly [T, string]>([value, hash])
  if (kept[1] === hash) return kept[0]
  // New content: kept during this render, which React then replays with it before drawing anything.
  setKept([value, hash])
  return value
}
