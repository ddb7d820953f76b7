import type * as OpenTelemetryApi from '@opentelemetry/api'

/** `@opentelemetry/api`, the optional peer dependency. */
export type OpenTelemetry = typeof OpenTelemetryApi

function isOpenTelemetry(value: unknown): value is OpenTelemetry {
  const api = value as Partial<OpenTelemetry> | null
  return typeof api?.trace?.getTracer === 'function' && typeof api.context?.active === 'function'
}

let loading: Promise<OpenTelemetry | null> | undefined
let loaded: OpenTelemetry | null = null

/**
 * Imports `@opentelemetry/api` once, if the host installed it; resolves to null, without a word, if not:
 * it is an optional peer. The specifier is built at run time so that no bundler tries to resolve it at
 * build time (a host without the package must still build), and the comments keep webpack, Turbopack
 * and Vite from reporting it. Where nothing can be imported at run time (a bundled worker), it is null.
 */
export function loadOpenTelemetry(): Promise<OpenTelemetry | null> {
  loading ??= import(
    /* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ ['@opentelemetry', 'api'].join('/')
  )
    .then((api: unknown) => {
      loaded = isOpenTelemetry(api) ? api : null
      return loaded
    })
    .catch(() => null)
  return loading
}

/**
 * The API once `loadOpenTelemetry` has imported it, else null. Requests never wait for the import: one
 * that arrives before it completes is served without spans.
 */
export function loadedOpenTelemetry(): OpenTelemetry | null {
  return loaded
}
