/**
 * Object metadata helpers shared by the constructs that create API objects themselves.
 */
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { propError } from './errors';
import { dns1123LabelProblem, toDns1123Label } from './names';
import { isClusterScoped } from './objects';

/** `{ name }` when there is a name: an explicit `name: undefined` would hide the name cdk8s generates. */
export function nameOnly(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}

/**
 * Leaves the namespace out of a cluster-scoped object (a PersistentVolume, a StorageClass, a
 * Namespace): cdk8s gives every object its chart's namespace.
 */
export function omitNamespaceIfClusterScoped(apiObject: ApiObject): void {
  if (isClusterScoped(apiObject.kind) && apiObject.metadata.namespace) apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
}

/**
 * Throws when the chart that `scope` is in has a namespace Kubernetes refuses (`My_NS`), naming
 * the chart, so the mistake fails at synth rather than at `kubectl apply`. cdk8s itself accepts any
 * string.
 */
export function checkChartNamespace(scope: IConstruct): void {
  const chart = [...scope.node.scopes].reverse().find(c => Chart.isChart(c)) as Chart | undefined;
  const namespace = chart?.namespace;
  if (chart === undefined || namespace === undefined) return;
  const rule = typeof namespace === 'string' ? dns1123LabelProblem(namespace) : 'must be a string';
  if (rule) {
    const type = chart.constructor === Chart ? 'Chart' : chart.constructor.name;
    throw propError(chart, type, { prop: 'namespace', rule, value: namespace, fix: `use "${toDns1123Label(String(namespace))}"` });
  }
}

/** The recommended label that names the application (the microservice): NetworkPolicies select on it. */
export const NAME_LABEL = 'app.kubernetes.io/name';
/** The recommended label that names one instance of it (a Deployment, a release track). */
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';
/** The recommended label with the version it runs (its image tag). */
export const VERSION_LABEL = 'app.kubernetes.io/version';
/** The recommended label that names the whole application it is a part of. */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
/** The recommended label that names the tool that manages it. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** The value of {@link MANAGED_BY_LABEL} on every object of this library. */
export const MANAGED_BY = 'k8s-course-constructs';

/** Every recommended label, in the order they are written. */
export const RECOMMENDED_LABELS = [NAME_LABEL, INSTANCE_LABEL, VERSION_LABEL, PART_OF_LABEL, MANAGED_BY_LABEL];

/** What the recommended labels of one object say. */
export interface RecommendedLabels {
  readonly name?: string;
  readonly instance?: string;
  readonly version?: string;
  readonly partOf?: string;
}

/**
 * The recommended `app.kubernetes.io/*` labels, each value made a valid label value; the ones
 * without a value are left out. They describe objects and pods: never put them in a selector
 * (the version changes with every release, and a Deployment's selector cannot).
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
 */
export function recommendedLabels(labels: RecommendedLabels): { [key: string]: string } {
  const result: { [key: string]: string } = {};
  const put = (key: string, value: string | undefined) => {
    const v = value === undefined ? undefined : labelValue(value);
    if (v) result[key] = v;
  };
  put(NAME_LABEL, labels.name);
  put(INSTANCE_LABEL, labels.instance);
  put(VERSION_LABEL, labels.version);
  put(PART_OF_LABEL, labels.partOf);
  result[MANAGED_BY_LABEL] = MANAGED_BY;
  return result;
}

/**
 * A valid label value made from any string: at most 63 characters of letters, digits, '-', '_'
 * and '.', starting and ending with a letter or digit ("" when nothing is left).
 */
export function labelValue(value: string): string {
  return String(value).replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/** Adds the labels a metadata object does not have yet (labels the user gave win). */
export function addMissingLabels(
  metadata: { getLabel(key: string): string | undefined; addLabel(key: string, value: string): void }, labels: { [key: string]: string },
): void {
  for (const [key, value] of Object.entries(labels)) {
    if (metadata.getLabel(key) === undefined) metadata.addLabel(key, value);
  }
}

/**
 * Adds the labels to every API object under `scope` that does not have them yet, except under
 * constructs `skip` says label their own objects.
 */
export function labelObjectsUnder(scope: IConstruct, labels: { [key: string]: string }, skip: (c: IConstruct) => boolean = () => false): void {
  const visit = (c: IConstruct) => {
    if (c !== scope && skip(c)) return;
    if (c instanceof ApiObject) addMissingLabels(c.metadata, labels);
    for (const child of c.node.children) visit(child);
  };
  visit(scope);
}
