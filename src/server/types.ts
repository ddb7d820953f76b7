// Types that both the handler's options and the vendor clients name, below them both.

/** Log lines carry the route, vendor, operation and status: never keys, URLs, bodies or demographics. */
export interface EmbedLogger {
  warn(message: string, details?: Record<string, unknown>): void
  error(message: string, details?: Record<string, unknown>): void
}
