// The fixture's Next.js configuration: the repository is the Turbopack root (one copy of React).
import { fileURLToPath } from 'node:url'

export default {
  turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) },
}
