/**
 * A string's length in Unicode code points: how every length limit of the wire protocol counts, as JSON
 * Schema's `maxLength` does (an emoji is one character, not the two UTF-16 units of `.length`).
 */
export function codePointLength(value: string): number {
  let count = 0
  for (const _ of value) count += 1
  return count
}
