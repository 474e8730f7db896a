import { exampleNames, expectSchemaValid, parseManifests, synthExample as synth } from './support';

const names = exampleNames();

/** The example's whole output, as `cdk8s synth` would write it. */
function synthExample(name: string): string {
  return synth(name).yaml;
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
  const manifests = parseManifests(yaml);

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
