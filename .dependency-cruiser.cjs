// Layers point one way (see ../shared/DESIGN.md): a folder may import only from folders below it.
// Lowest first: common -> mock-server, runners -> scenarios -> results -> harness -> reports -> scripts.
const layers = ['common', 'mock-server|runners', 'scenarios', 'results', 'harness', 'reports', 'scripts'];

const upImports = layers.map((layer, index) => ({
  name: `no-up-import-from-${layer.replace('|', '-')}`,
  comment: `${layer} may import only from the layers below it`,
  severity: 'error',
  from: { path: `^(${layer})/` },
  to: { path: `^(${[...layers.slice(index + 1), 'test', 'bin'].join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...upImports,
    {
      name: 'mock-server-and-runners-apart',
      comment: 'the mock server and the runners share a layer and never import each other (the server is its own process)',
      severity: 'error',
      from: { path: '^mock-server/' },
      to: { path: '^runners/' },
    },
    {
      name: 'runners-and-mock-server-apart',
      severity: 'error',
      from: { path: '^runners/' },
      to: { path: '^mock-server/' },
    },
    {
      name: 'reports-read-the-file-alone',
      comment:
        'reports render results.json and tune.json (with their facts about each runner) alone: they import results/ and common/ only',
      severity: 'error',
      from: { path: '^reports/' },
      to: { path: '^(harness|runners|scenarios|mock-server)/' },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles, type-only imports included',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
