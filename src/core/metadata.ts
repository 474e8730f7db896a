/**
 * Object metadata helpers shared by the constructs that create API objects themselves.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
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
