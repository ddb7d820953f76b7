import { QueryClient } from '@tanstack/react-query'
import { type ReactNode, useEffect, useInsertionEffect, useMemo, useRef, useState } from 'react'
import { unlessSignedOut } from '../core/signedOut.js'
import { parseOriginPattern } from '../core/urlSafety.js'
import type { EmbedClientConfig, EmbedHeaders } from '../core/wireClient.js'
import { EmbedContext, type EmbedContextValue } from './context.js'
import { warnFailures } from './warnFailures.js'

const SIGNED_URL_KEY = ['embedded-portals', 'signed-url']

export interface EmbedProviderProps {
  /** Base path or URL of the host's endpoint (served by `createEmbedHandler`), such as `/api/portals`. */
  endpoint: string
  /** Headers for every call, or a function (may be async) called per request, e.g. for a CSRF token. */
  headers?: EmbedHeaders | undefined
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch | undefined
  /**
   * A react-query client to keep signed URLs and demographics in, shared on purpose: the host then owns
   * its persistence rules (leave out `isEmbedSecretQuery` queries when persisting or dehydrating).
   * Default: the provider's own private client, whatever `QueryClientProvider` surrounds it, so that
   * these secrets never reach a cache the host persists or dehydrates.
   */
  queryClient?: QueryClient | undefined
  /**
   * Origins a signed URL must be on to be opened or framed, like `https://*.junction.com`. Anything else
   * ends in an `unsafe_url` error. Default: the vendors' own origins, `DEFAULT_VENDOR_URL_ORIGINS` (and,
   * with `allowInsecureLocalhost`, `http://localhost` and `http://127.0.0.1` on any port). A list replaces
   * the default: widen it with `[...DEFAULT_VENDOR_URL_ORIGINS, 'https://billing.example.com']`.
   */
  allowedOrigins?: readonly string[] | undefined
  /**
   * Also accept `http://localhost` and `http://127.0.0.1` URLs (on any port without `allowedOrigins`, on
   * those it lists with it). For development and simulators only.
   */
  allowInsecureLocalhost?: boolean | undefined
  /** Refresh this many ms before expiry. Default: the smaller of 30 s and a quarter of the URL's lifetime. */
  refreshMarginMs?: number | undefined
  /** Per-request timeout in ms. Default 15 000. */
  timeoutMs?: number | undefined
  children?: ReactNode
}

/**
 * Configures every component and hook of embedded-portals below it: where the host's endpoint is, how
 * to call it, and which URLs may be opened. Signed URLs and demographics are cached in the provider's
 * own react-query client unless `queryClient` shares one.
 */
export function EmbedProvider(props: EmbedProviderProps) {
  const { endpoint, allowInsecureLocalhost, refreshMarginMs, timeoutMs, children } = props
  const [privateClient] = useState(() => new QueryClient())
  const queryClient = props.queryClient ?? privateClient

  // Functions are read at call time, so a new function on each render changes nothing. Updated before
  // any effect of the tree runs, so a request started by a child's effect sees the headers just rendered.
  const latest = useRef({ headers: props.headers, fetch: props.fetch })
  useInsertionEffect(() => {
    latest.current = { headers: props.headers, fetch: props.fetch }
  })

  const originsKey = props.allowedOrigins?.join('\n')
  const config = useMemo<EmbedClientConfig>(() => {
    const allowedOrigins = originsKey === undefined ? undefined : originsKey.split('\n')
    for (const pattern of allowedOrigins ?? []) parseOriginPattern(pattern)
    return {
      endpoint,
      headers: () => {
        const headers = latest.current.headers
        return (typeof headers === 'function' ? headers() : headers) ?? {}
      },
      fetch: (input, init) => (latest.current.fetch ?? globalThis.fetch)(input, init),
      allowedOrigins,
      allowInsecureLocalhost,
      refreshMarginMs,
      timeoutMs,
    }
  }, [endpoint, originsKey, allowInsecureLocalhost, refreshMarginMs, timeoutMs])

  useEffect(() => {
    const stopWarnings = process.env.NODE_ENV !== 'production' ? warnFailures(queryClient) : undefined
    queryClient.mount()
    // react-query refetches stale queries when the page becomes visible; a window regaining focus
    // (another window was in front) deserves the same for the URLs on screen.
    const onFocus = () => {
      if (document.visibilityState !== 'visible') return
      void queryClient.refetchQueries(
        { queryKey: SIGNED_URL_KEY, type: 'active', stale: true, predicate: unlessSignedOut },
        { cancelRefetch: false },
      )
    }
    window.addEventListener('focus', onFocus)
    return () => {
      stopWarnings?.()
      window.removeEventListener('focus', onFocus)
      queryClient.unmount()
      // No secret outlives the provider: once its children let go (a task later), their URLs go too.
      setTimeout(() => queryClient.removeQueries({ queryKey: SIGNED_URL_KEY, type: 'inactive' }), 0)
    }
  }, [queryClient])

  const value = useMemo<EmbedContextValue>(() => ({ config, queryClient }), [config, queryClient])
  return <EmbedContext.Provider value={value}>{children}</EmbedContext.Provider>
}
