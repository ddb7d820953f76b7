import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// Inside the embedded-portals repository, this example's dependencies come from the repository's
// node_modules (or through a link to it): Turbopack's root must then be the repository, so that one copy
// of React is used. A copy of this example outside the repository needs no `turbopack.root`.
const repository = fileURLToPath(new URL('../..', import.meta.url))
const packageFile = `${repository}package.json`
const insideRepository =
  existsSync(packageFile) && JSON.parse(readFileSync(packageFile, 'utf8')).name === 'embedded-portals'

/** @type {import('next').NextConfig} */
const nextConfig = {
  ...(insideRepository ? { turbopack: { root: repository } } : {}),
}

export default nextConfig
