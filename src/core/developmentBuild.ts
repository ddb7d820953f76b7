/**
 * Whether development details (an error's `detail`, a configuration hint) are wanted: `NODE_ENV` is not
 * `'production'`. For code the server also runs: bundlers replace `process.env.NODE_ENV` as usual, and a
 * runtime with no `process` global (Cloudflare Workers) or no permission to read the environment (Deno
 * without `--allow-env`) counts as production instead of failing the request.
 */
export function isDevelopmentBuild(): boolean {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return false
  }
}
