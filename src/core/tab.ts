/** What the placeholder tab says while the URL is being fetched. */
export interface PlaceholderText {
  /** Document title and visible text. Default "Opening…". */
  opening: string
  /** The document's language, for screen readers. Default: the host page's. */
  lang?: string | undefined
}

/**
 * Opens `url` in a new tab and cuts the tab's `opener` before returning. Not with the `noopener`
 * feature: that makes `window.open` return null even when the tab opened, so null could no longer
 * mean "blocked". Returns null when the browser blocked the tab.
 */
export function openTab(url: string): Window | null {
  const tab = window.open(url, '_blank')
  if (tab) cutOpener(tab)
  return tab
}

function cutOpener(tab: Window): void {
  try {
    tab.opener = null
  } catch {
    // A tab that is already cross-origin refuses the write; it was opened with no way back anyway.
  }
}

/**
 * Opens an empty tab at once (inside the click, so the popup blocker allows it), cuts its `opener`, and
 * shows an accessible "Opening…" page in it. Returns null when the browser blocked the tab.
 */
export function openPlaceholderTab(text: PlaceholderText): Window | null {
  const tab = window.open('', '_blank')
  if (!tab) return null
  cutOpener(tab)
  try {
    const doc = tab.document
    doc.documentElement.lang = text.lang ?? document.documentElement.lang ?? ''
    doc.title = text.opening
    const main = doc.createElement('main')
    const status = doc.createElement('p')
    status.setAttribute('role', 'status')
    status.setAttribute('aria-live', 'polite')
    status.textContent = text.opening
    status.style.font = '16px system-ui, sans-serif'
    status.style.margin = '2rem'
    main.append(status)
    doc.body.replaceChildren(main)
  } catch {
    // Some browsers give an opaque blank page; the tab still navigates when the URL arrives.
  }
  return tab
}

/** Sends a placeholder tab to `url` without leaving the blank page in its history. */
export function sendTab(tab: Window, url: string): void {
  tab.location.replace(url)
}

/** Closes a placeholder tab that will not be used, if the browser still lets us. */
export function closeTab(tab: Window): void {
  try {
    tab.close()
  } catch {
    // Already closed by the user.
  }
}

/** Leaves the host page for `url`, in this tab (UserHub's own pattern). */
export function navigateSameTab(url: string): void {
  window.location.assign(url)
}
