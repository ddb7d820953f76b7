import { vi } from 'vitest'

/** A stand-in for the `Window` that `window.open` returns, recording what the library does to it. */
export function fakeTab() {
  const tab = {
    opener: window as Window | null,
    closed: false,
    close: vi.fn(() => {
      tab.closed = true
    }),
    location: { replace: vi.fn<(url: string) => void>() },
    document: document.implementation.createHTMLDocument(''),
  }
  return tab
}

export type FakeTab = ReturnType<typeof fakeTab>

/** Stubs `window.open`: each call gets a new fake tab, or null when `blocked`. */
export function stubWindowOpen(options: { blocked?: boolean } = {}) {
  const tabs: FakeTab[] = []
  const open = vi.spyOn(window, 'open').mockImplementation(() => {
    if (options.blocked) return null
    const tab = fakeTab()
    tabs.push(tab)
    return tab as unknown as Window
  })
  return { open, tabs }
}
