/**
 * Reading a list from an answer item by item: an item that cannot be read is set aside with its index
 * and the name of the field that was wrong, never with a value (items hold emails, names and ids).
 */

/** One item read: its value, or the field that could not be read (`item` when it is not an object). */
export type ItemRead<T> = { ok: true; value: T } | { ok: false; field: string }

/** An item left out of a list: where it was, and which field was wrong. Safe to log. */
export interface SkippedItem {
  index: number
  field: string
}

/** The items of a list that could be read, in order, and those that could not. */
export interface ItemsRead<T> {
  values: T[]
  skipped: SkippedItem[]
}

/** Reads every item of `items` with `read`, keeping the readable ones and noting the others. */
export function readItems<T>(items: readonly unknown[], read: (item: unknown) => ItemRead<T>): ItemsRead<T> {
  const values: T[] = []
  const skipped: SkippedItem[] = []
  items.forEach((item, index) => {
    const result = read(item)
    if (result.ok) values.push(result.value)
    else skipped.push({ index, field: result.field })
  })
  return { values, skipped }
}

/** The first skipped items as `3: status`, for a log line or a warning (at most `limit` of them). */
export function describeSkipped(skipped: readonly SkippedItem[], limit = 10): string {
  const shown = skipped.slice(0, limit).map(({ index, field }) => `${index}: ${field}`)
  return skipped.length > limit ? `${shown.join(', ')}, …` : shown.join(', ')
}
