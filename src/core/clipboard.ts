/**
 * Copies `text`, or a text that is still being fetched. With a promise, `ClipboardItem` keeps the
 * click's user activation while it waits (Safari needs this); otherwise `writeText` after it resolves.
 * Resolves true when copied, false when the browser has no clipboard or refused.
 */
export async function copyText(text: string | Promise<string>): Promise<boolean> {
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard
  if (!clipboard) return false
  try {
    if (typeof text !== 'string' && typeof ClipboardItem !== 'undefined' && typeof clipboard.write === 'function') {
      const blob = text.then((value) => new Blob([value], { type: 'text/plain' }))
      await clipboard.write([new ClipboardItem({ 'text/plain': blob })])
      return true
    }
    await clipboard.writeText(await text)
    return true
  } catch {
    return false
  }
}
