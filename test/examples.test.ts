import { existsSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { expectSchemaValid, Manifest } from './support';

const EXAMPLES = join(__dirname, '..', 'examples');
const names = readdirSync(EXAMPLES)
  .filter(n => statSync(join(EXAMPLES, n)).isDirectory() && existsSync(join(EXAMPLES, n, 'main.ts')))
  .sort();

/** The example's whole output, as `cdk8s synth` would write it. */
function synthExample(name: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require(join(EXAMPLES, name, 'main.ts')) as { build(app: App): void };
  const app = new App({ outdir: join(EXAMPLES, name, 'dist') });
  // Examples may raise warnings (the compose import names what it does not map): the library keeps
  // them in the construct tree and never prints them; the tests of each construct assert them.
  example.build(app);
  return app.synthYaml();
}

function parse(yaml: string): Manifest[] {
  return parseAllDocuments(yaml).map(d => d.toJS()).filter(m => m && m.kind);
}

test('every course pattern of the design has an example', () => {
  // GIVEN the examples of the design's course-pattern table
  const required = [
    'pod-sidecar', 'probes', 'scaling', 'rolling-update', 'blue-green', 'canary', 'services', 'config-secrets',
    'nfs-storage', 'api-gateway', 'compose', 'skaffold', 'platforms', 'eshop',
  ];
  // THEN each exists
  expect(names).toEqual(expect.arrayContaining(required));
});

describe.each(names)('example %s', (name) => {
  const yaml = synthExample(name);
  const manifests = parse(yaml);

  test('synthesizes objects that pass the Kubernetes schema of their kind', () => {
    expect(manifests.length).toBeGreaterThan(0);
    expectSchemaValid(manifests);
  });

  test('synthesizes the same YAML as the snapshot', () => {
    expect(yaml).toMatchSnapshot();
  });

  test('synthesizes byte-identical YAML twice, printing nothing', () => {
    const warn = jest.spyOn(console, 'warn');
    const log = jest.spyOn(console, 'log');
    try {
      expect(synthExample(name)).toBe(yaml);
      expect(warn).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });
});
