// Size budgets of the client entry, as a host's production bundle pays them: the package as built,
// bundled by esbuild with NODE_ENV=production, minified and gzipped, every chunk counted, and the peers
// (react, react-dom, @tanstack/react-query) left out. `npx size-limit` prints the table; CI runs it.
// The limits guard against growth. The budgets the project aims at are in docs/performance.md.
const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query']

const production = (config) => ({ ...config, define: { ...config.define, 'process.env.NODE_ENV': '"production"' } })

const measure = (name, imports, limit) => ({
  name,
  path: 'dist/index.js',
  import: imports,
  ignore: peers,
  gzip: true,
  limit,
  modifyEsbuildConfig: production,
})

export default [
  measure('client entry (everything)', '*', '20.7 kB'),
  measure('PortalLaunchButton', '{ PortalLaunchButton, EmbedProvider }', '7.5 kB'),
  measure('DashboardEmbed', '{ DashboardEmbed, EmbedProvider }', '9.7 kB'),
  measure('DemographicsGate', '{ DemographicsGate, EmbedProvider }', '8 kB'),
  measure('PortalUsersManager', '{ PortalUsersManager, EmbedProvider }', '9.1 kB'),
]
