/**
 * Kinds whose objects live in the cluster, not in a namespace: their key ignores the namespace,
 * so two of them with one name clash wherever their manifests put them.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#not-all-objects-are-in-a-namespace
 */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass',
  'IngressClass', 'GatewayClass', 'CustomResourceDefinition', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
]);

/** Whether objects of this kind live in the cluster rather than in a namespace. */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}

/**
 * The one key of an object: kind, namespace and name, the namespace left out for cluster-scoped
 * kinds. Two objects with one key are one object to the API server.
 */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${isClusterScoped(kind) ? '' : namespace ?? ''}\u0000${name}`;
}
