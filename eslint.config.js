// React's own lint, run by `npm run lint` after Biome: the Rules of React as eslint-plugin-react-hooks
// checks them, with the React Compiler's rules (`recommended-latest`). Biome lints everything else.
import { createRequire } from 'node:module'
import reactHooks from 'eslint-plugin-react-hooks'

// typescript-eslint's parser needs TypeScript's JavaScript API (TypeScript < 6.1), which the root's
// TypeScript 7 no longer has: both are installed in scripts/eslint-parser/node_modules, by the root's
// `embedded-portals-eslint-parser` devDependency, and loaded from there.
const fromParserFolder = createRequire(new URL('./scripts/eslint-parser/package.json', import.meta.url))
const typescriptParser = fromParserFolder('@typescript-eslint/parser')

export default [
  {
    files: ['{src,test,demo}/**/*.{ts,tsx}'],
    languageOptions: { parser: typescriptParser },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    ...reactHooks.configs.flat['recommended-latest'],
  },
]
