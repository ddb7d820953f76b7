// Size budgets of the client entry, as a host's production bundle pays them: the package as built,
// bundled by esbuild with NODE_ENV=production, minified and gzipped, and the peers (react, react-dom,
// @tanstack/react-query) left out. `npx size-limit` prints the table; CI runs it. The figures and where
// the bytes go are in docs/performance.md.
const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query']

const production = (config) => ({ ...config, define: { ...config.define, 'process.env.NODE_ENV': '"production"' } })

// What a page loads before anything it imports lazily: `import()`s stay imports. (Bundled in, esbuild
// would wrap every module they reach in a lazy initialiser, which no splitting bundler does.)
const upFront = (config) => ({
  ...production(config),
  plugins: [
    {
      name: 'dynamic-imports-stay-imports',
      setup(build) {
        build.onResolve({ filter: /.*/ }, (args) =>
          args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
        )
      },
    },
  ],
})

// Every chunk, as a bundler that splits at `import()` writes them.
const everyChunk = (config) => ({ ...production(config), format: 'esm', splitting: true })

const measure = (name, imports, limit, modifyEsbuildConfig = upFront) => ({
  name,
  path: 'dist/index.js',
  import: imports,
  ignore: peers,
  gzip: true,
  limit,
  modifyEsbuildConfig,
})

export default [
  measure('client entry (everything)', '*', '21340 B'),
  measure('PortalLaunchButton', '{ PortalLaunchButton, EmbedProvider }', '7459 B'),
  measure('DashboardEmbed, feature_embed (up front)', '{ DashboardEmbed, EmbedProvider }', '7899 B'),
  measure('DashboardEmbed, every chunk', '{ DashboardEmbed, EmbedProvider }', '11144 B', everyChunk),
  measure('DemographicsGate', '{ DemographicsGate, EmbedProvider }', '7787 B'),
  measure('PortalUsersManager', '{ PortalUsersManager, EmbedProvider }', '9041 B'),
]
