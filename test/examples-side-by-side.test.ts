import { existsSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { App } from 'cdk8s';
import { Manifest } from './support';

const EXAMPLES = join(__dirname, '..', 'examples');
const names = readdirSync(EXAMPLES)
  .filter(n => statSync(join(EXAMPLES, n)).isDirectory() && existsSync(join(EXAMPLES, n, 'main.ts')))
  .sort();

/** Every object of every example, with where it comes from (example and chart). */
function everyObject(): Array<{ source: string; manifest: Manifest }> {
  return names.flatMap(name => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const example = require(join(EXAMPLES, name, 'main.ts')) as { build(app: App): void };
    const app = new App({ outdir: join(EXAMPLES, name, 'dist') });
    example.build(app);
    app.synthYaml(); // validates the app, as cdk8s synth does
    return app.charts.flatMap(chart => (chart.toJson() as Manifest[])
      .filter(m => m?.kind)
      .map(manifest => ({ source: `${name}/${chart.node.id}`, manifest })));
  });
}

/** Objects are the same when their JSON is, keys sorted. */
function canonical(value: any): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map(k => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

describe('the examples applied side by side on one cluster', () => {
  const objects = everyObject();

  test('never define one object (kind, namespace, name) two ways', () => {
    // GIVEN every example's output, as a student applies them one after another
    const seen = new Map<string, { source: string; json: string; selector: string }>();
    const clashes: string[] = [];
    // WHEN objects are keyed as the API server keys them
    for (const { source, manifest } of objects) {
      const key = `${manifest.kind}/${manifest.metadata.namespace ?? '(cluster)'}/${manifest.metadata.name}`;
      const json = canonical(manifest);
      const selector = canonical(manifest.spec?.selector ?? null);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { source, json, selector });
      } else if (first.json !== json) {
        clashes.push(`${key}: ${first.source} and ${source} differ${first.selector !== selector ? ' (selectors differ: the second apply fails, "field is immutable")' : ''}`);
      }
    }
    // THEN none clashes
    expect(clashes).toEqual([]);
  });

  test('never use one NodePort twice', () => {
    const owners = new Map<number, string[]>();
    for (const { source, manifest } of objects.filter(o => o.manifest.kind === 'Service')) {
      for (const port of manifest.spec?.ports ?? []) {
        if (port.nodePort !== undefined) owners.set(port.nodePort, [...owners.get(port.nodePort) ?? [], `${source} Service/${manifest.metadata.name}`]);
      }
    }
    const shared = [...owners].filter(([, list]) => list.length > 1).map(([port, list]) => `${port}: ${list.join(', ')}`);
    expect(shared).toEqual([]);
    expect(owners.size).toBeGreaterThan(0);
  });

  test('put every namespaced object in a namespace of its example', () => {
    const namespaces = new Map<string, Set<string>>();
    for (const { source, manifest } of objects) {
      const ns = manifest.metadata.namespace;
      if (ns === undefined) continue;
      namespaces.set(ns, new Set([...namespaces.get(ns) ?? [], source.split('/')[0]]));
    }
    const shared = [...namespaces].filter(([, examples]) => examples.size > 1).map(([ns, examples]) => `${ns}: ${[...examples].join(', ')}`);
    expect(shared).toEqual([]);
  });

  test('finds a clash where there is one (the test tests something)', () => {
    const a = { kind: 'Deployment', metadata: { name: 'catalog', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'a' } } } };
    const b = { ...a, spec: { selector: { matchLabels: { app: 'b' } } } };
    expect(canonical(a)).not.toBe(canonical(b));
    expect(canonical({ x: 1, y: [2, { z: 3 }] })).toBe(canonical({ y: [2, { z: 3 }], x: 1 }));
  });
});
