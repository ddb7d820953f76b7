/** Junction's default sandbox: the dashboard's scripts, forms, popups and downloads, never the host's top window. */
export const DEFAULT_DASHBOARD_SANDBOX =
  'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads allow-modals'
export const DEFAULT_DASHBOARD_ALLOW = 'clipboard-write'
/** Junction's proportions: full width, 800 px high. */
export const DEFAULT_DASHBOARD_HEIGHT = 800
export const DEFAULT_LOAD_TIMEOUT_MS = 20_000
