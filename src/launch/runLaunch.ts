import { copyText } from '../core/clipboard.js'
import { warnDev } from '../core/devWarnings.js'
import { EmbedError, isEmbedError, thrownName } from '../core/errors.js'
import { clipboardRefusedDetail } from '../core/framing.js'
import type { SignedUrl } from '../core/lifecycle.js'
import { closeTab, navigateSameTab, openPlaceholderTab, openTab, sendTab } from '../core/tab.js'
import type { SignedUrlActions } from '../signedUrl/signedUrlActions.js'

export type LaunchAction = 'open' | 'copy'
export type LaunchOpenIn = 'new-tab' | 'same-tab'

/** How a launch went, for `onLaunch`. */
export interface LaunchEvent {
  action: LaunchAction
  /** `direct`: a fresh URL opened in the click; `placeholder`: a tab opened first, sent on arrival; `same-tab`; `link`: the fallback link opened its tab; `clipboard`: the link was copied (also when even the fallback link could open no tab). */
  via: 'direct' | 'placeholder' | 'same-tab' | 'link' | 'clipboard'
  /**
   * The `X-Request-Id` of the endpoint's answer that brought the URL, when it carried one: the server's
   * audit event of that request has the same `requestId`.
   */
  requestId?: string | undefined
}

/** Where a launch stands, as the UI shows it. */
export type LaunchPhase =
  | { kind: 'rest' }
  | { kind: 'opening' }
  | { kind: 'blocked'; url: string; requestId?: string | undefined }
  | { kind: 'copied' }
  /** The link, for copying by hand; `copied` when the clipboard took it too. */
  | { kind: 'manual-copy'; url: string; copied?: boolean }
  | { kind: 'failed'; error: EmbedError }

export interface LaunchPlan {
  action: LaunchAction
  openIn: LaunchOpenIn
  /** Single-use URLs (UserHub) are never taken from the cache: they are minted for this click. */
  singleUse: boolean
  /** The placeholder tab's text. */
  opening: string
}

function asEmbedError(error: unknown): EmbedError {
  if (isEmbedError(error)) return error
  return new EmbedError('network', undefined, {
    cause: error,
    detail:
      process.env.NODE_ENV !== 'production'
        ? `The launch's signed-URL request ended without an answer (${thrownName(error)}): it was cancelled ` +
          '(its provider unmounted, or its query was removed from the cache).'
        : undefined,
  })
}

type Report = (phase: LaunchPhase, event?: LaunchEvent) => void

/** In development builds, says why the clipboard refused; production builds drop the call. */
function warnClipboardRefused(): void {
  if (process.env.NODE_ENV === 'production') return
  const detail = clipboardRefusedDetail()
  if (detail !== undefined) warnDev(detail)
}

/**
 * The launch algorithm, run synchronously inside a click handler (where browsers allow a new tab). A usable cached URL opens
 * in the click and is consumed; without one a placeholder tab opens at once and is sent to the URL when
 * it arrives (or closed on failure); a blocked tab ends in `blocked` with the URL for a fallback link.
 * `report` gets every phase, and the launch event once the portal opened or the link was copied.
 */
export function runLaunch(actions: SignedUrlActions, plan: LaunchPlan, report: Report): void {
  const { action, openIn } = plan
  const cached = plan.singleUse ? undefined : actions.getUsableUrl()
  const fail = (error: unknown) => report({ kind: 'failed', error: asEmbedError(error) })
  const launched = (via: LaunchEvent['via'], { requestId }: SignedUrl): LaunchEvent => ({ action, via, requestId })

  if (action === 'copy') {
    const signed = cached ?? actions.fetchFresh()
    const url = Promise.resolve(signed).then((s) => s.url)
    report({ kind: 'opening' })
    void copyText(cached ? cached.url : url).then(async (copied) => {
      if (copied) return report({ kind: 'copied' }, launched('clipboard', await signed))
      try {
        const link = await url
        warnClipboardRefused()
        report({ kind: 'manual-copy', url: link })
      } catch (error) {
        fail(error)
      }
    }, fail)
    return
  }

  if (openIn === 'same-tab') {
    const leave = (signed: SignedUrl) => {
      actions.consume()
      navigateSameTab(signed.url)
      report({ kind: 'rest' }, launched('same-tab', signed))
    }
    if (cached) {
      leave(cached)
      return
    }
    report({ kind: 'opening' })
    actions.fetchFresh().then(leave, fail)
    return
  }

  if (cached) {
    const tab = openTab(cached.url)
    actions.consume()
    if (tab) report({ kind: 'rest' }, launched('direct', cached))
    else report({ kind: 'blocked', url: cached.url, requestId: cached.requestId })
    return
  }

  const placeholder = openPlaceholderTab({ opening: plan.opening })
  report({ kind: 'opening' })
  actions.fetchFresh().then(
    (fresh) => {
      actions.consume()
      if (placeholder && !placeholder.closed) {
        sendTab(placeholder, fresh.url)
        report({ kind: 'rest' }, launched('placeholder', fresh))
      } else {
        report({ kind: 'blocked', url: fresh.url, requestId: fresh.requestId })
      }
    },
    (error: unknown) => {
      if (placeholder) closeTab(placeholder)
      fail(error)
    },
  )
}

/**
 * The fallback link's click, run synchronously inside it: opens the tab itself and checks that it opened.
 * When even that fails (a frame whose sandbox forbids tabs), the link is copied if the clipboard allows,
 * and offered in a field to copy by hand either way. The launch event comes only for a tab or a copy.
 */
export function followBlockedLink(
  { url, requestId }: { url: string; requestId?: string | undefined },
  action: LaunchAction,
  report: Report,
): void {
  if (openTab(url)) {
    report({ kind: 'rest' }, { action, via: 'link', requestId })
    return
  }
  void copyText(url).then((copied) => {
    if (!copied) warnClipboardRefused()
    report({ kind: 'manual-copy', url, copied }, copied ? { action, via: 'clipboard', requestId } : undefined)
  })
}
