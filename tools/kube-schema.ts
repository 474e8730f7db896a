/* eslint-disable @typescript-eslint/no-require-imports */

/**
 * Schema validation of synthesized manifests with the `kubernetes-models` family: each kind has a
 * class whose `validate()` checks the object against the OpenAPI schema of the Kubernetes API
 * (or of the CRD, for Gateway API and Argo Rollouts).
 */

const MODULES: Array<[RegExp, (apiVersion: string) => string]> = [
  [/^gateway\.networking\.k8s\.io\//, v => `@kubernetes-models/gateway-api/${v}`],
  [/^argoproj\.io\//, v => `@kubernetes-models/argo-rollouts/${v}`],
  // GKE's HealthCheckPolicy.
  [/^networking\.gke\.io\//, v => `@kubernetes-models/gke/${v}`],
  [/^v1$/, () => 'kubernetes-models/v1'],
  [/^[a-z0-9.-]+\/v[0-9a-z]+$/, v => `kubernetes-models/${v}`],
];

/** The schema errors of one manifest; a kind without a schema is itself an error. */
export function schemaErrors(manifest: any): string[] {
  const apiVersion: string = manifest?.apiVersion ?? '';
  const kind: string = manifest?.kind ?? '';
  const entry = MODULES.find(([re]) => re.test(apiVersion));
  if (!entry) return [`no schema known for apiVersion "${apiVersion}"`];
  let model: any;
  try {
    model = require(entry[1](apiVersion))[kind];
  } catch {
    model = undefined;
  }
  if (!model) return [`no schema known for ${apiVersion} ${kind}`];
  try {
    new model(manifest).validate();
    return [];
  } catch (e: any) {
    const details = Array.isArray(e?.errors) ? e.errors.map((x: any) => `${x.instancePath ?? x.dataPath ?? ''} ${x.message}`.trim()) : [];
    return details.length > 0 ? details : [String(e?.message ?? e)];
  }
}
