import { existsSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { Manifest } from './manifests';

/** The folder of the example apps. */
export const EXAMPLES = join(__dirname, '..', '..', 'examples');

/** The examples: every folder of examples/ with a main.ts, in order. */
export function exampleNames(): string[] {
  return readdirSync(EXAMPLES)
    .filter(n => statSync(join(EXAMPLES, n)).isDirectory() && existsSync(join(EXAMPLES, n, 'main.ts')))
    .sort();
}

/** One example synthesized: its whole output, as `cdk8s synth` would write it, and what its `build` returned. */
export interface SynthesizedExample {
  readonly yaml: string;
  readonly built: unknown;
}

/**
 * Synthesizes an example in this process, loaded by path (tests never import examples): its
 * `build(app)` into a fresh App. Examples may raise warnings (the compose import names what it
 * does not map): the library keeps them in the construct tree and never prints them.
 */
export function synthExample(name: string): SynthesizedExample {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require(join(EXAMPLES, name, 'main.ts')) as { build(app: App): unknown };
  const app = new App({ outdir: join(EXAMPLES, name, 'dist') });
  const built = example.build(app);
  return { yaml: app.synthYaml(), built };
}

/** The Kubernetes objects of a synthesized YAML stream. */
export function parseManifests(yaml: string): Manifest[] {
  return parseAllDocuments(yaml).map(d => d.toJS()).filter(m => m && m.kind);
}
