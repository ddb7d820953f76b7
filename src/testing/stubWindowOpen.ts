/** What `window.open` returns under `stubWindowOpen`: records what the library does to the new tab. */
export interface FakeTab {
  /** Set to `window` on open; the library cuts it to `null` at once. */
  opener: Window | null
  closed: boolean
  /** Every URL the library sent the tab to with `location.replace`, in order. */
  readonly replacedWith: string[]
  close(): void
  location: { replace(url: string): void }
  document: Document
}

/** One `window.open` call, as the library made it. */
export interface WindowOpenCall {
  url: string | undefined
  target: string | undefined
  features: string | undefined
}

export interface WindowOpenStub {
  /** Every call, in order (a blocked one included). */
  readonly calls: WindowOpenCall[]
  /** The tabs handed out, in order (none when blocked). */
  readonly tabs: FakeTab[]
  /** Puts the real `window.open` back. */
  restore(): void
}

/**
 * Replaces `window.open` in jsdom (which cannot open tabs) with a stub that hands out a `FakeTab` per
 * call, or `null` as a popup blocker does with `{ blocked: true }`, so a test can assert what a user
 * would see: a tab opened with no opener, sent to the signed URL, or closed on failure. Call `restore()`
 * after the test. Works with any test runner.
 */
export function stubWindowOpen(options: { blocked?: boolean } = {}): WindowOpenStub {
  const real = window.open
  const calls: WindowOpenCall[] = []
  const tabs: FakeTab[] = []
  window.open = (url?: string | URL, target?: string, features?: string) => {
    calls.push({ url: url === undefined ? undefined : String(url), target, features })
    if (options.blocked) return null
    const replacedWith: string[] = []
    const tab: FakeTab = {
      opener: window,
      closed: false,
      replacedWith,
      close: () => {
        tab.closed = true
      },
      location: { replace: (next: string) => void replacedWith.push(next) },
      document: document.implementation.createHTMLDocument(''),
    }
    tabs.push(tab)
    return tab as unknown as Window
  }
  return {
    calls,
    tabs,
    restore: () => {
      window.open = real
    },
  }
}
