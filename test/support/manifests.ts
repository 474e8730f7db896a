import { Chart, Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { schemaErrors } from '../../tools/kube-schema';

/** A synthesized Kubernetes object. */
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: any }; [k: string]: any };

/**
 * Synthesizes a chart and validates every manifest against the Kubernetes schema of its kind.
 * Fails the test with every schema error at once.
 */
export function synthValid(chart: Chart): Manifest[] {
  const manifests = Testing.synth(chart) as Manifest[];
  expectSchemaValid(manifests);
  return manifests;
}

/** Throws with every schema error of the manifests. */
export function expectSchemaValid(manifests: Manifest[]): void {
  const errors = manifests.flatMap(m => schemaErrors(m).map(e => `${m.kind}/${m.metadata?.name}: ${e}`));
  if (errors.length > 0) {
    throw new Error(`manifests fail their Kubernetes schema:\n  ${errors.join('\n  ')}`);
  }
}

/** All manifests of a kind. */
export function allOf(manifests: Manifest[], kind: string): Manifest[] {
  return manifests.filter(m => m.kind === kind);
}

/**
 * The one manifest of `kind` (and `name`, when given). Fails when there is none or, without a
 * name, more than one: tests never pick manifests by array index.
 */
export function findOne(manifests: Manifest[], kind: string, name?: string | RegExp): Manifest {
  const matches = manifests.filter(m => m.kind === kind && (name === undefined
    || (typeof name === 'string' ? m.metadata.name === name : name.test(m.metadata.name))));
  if (matches.length !== 1) {
    const have = manifests.map(m => `${m.kind}/${m.metadata.name}`).join(', ');
    throw new Error(`expected one ${kind}${name ? ` named ${name}` : ''}, found ${matches.length} (have: ${have})`);
  }
  return matches[0];
}

/** The manifests as one multi-document YAML string, the way `cdk8s synth` writes them. */
export function toYaml(manifests: Manifest[]): string {
  return manifests.map(m => stringify(m)).join('---\n');
}

/** The pod template spec of a workload manifest. */
export function podSpecOf(workload: Manifest): any {
  return workload.spec.template.spec;
}
