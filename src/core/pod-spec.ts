/**
 * The objects a pod spec reads, found by one walk over rendered JSON: the config checksum of a
 * ProbedDeployment and the manifest checks both read a pod's references through it.
 */

/** One object a pod spec reads. */
export interface PodReference {
  readonly kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';
  readonly name: string;
  /** The key read, for a single environment variable (`valueFrom`). */
  readonly key?: string;
  /** Whether the pod starts without it (`optional: true`). */
  readonly optional: boolean;
  /** Where the pod reads it, for messages: `env A of container "app"`, `volume "data"`. */
  readonly source: string;
}

/** The containers whose references count: regular and init containers, in that order. */
export function podContainers(podSpec: any): any[] {
  return [...podSpec?.containers ?? [], ...podSpec?.initContainers ?? []];
}

/** What one container reads through `env[].valueFrom` and `envFrom`, in spec order. */
export function containerReferences(container: any): PodReference[] {
  const refs: PodReference[] = [];
  const of = `of container "${container.name}"`;
  for (const e of container.env ?? []) {
    const cm = e.valueFrom?.configMapKeyRef;
    if (cm) refs.push(reference('ConfigMap', cm.name, cm.optional, `env ${e.name} ${of}`, cm.key));
    const secret = e.valueFrom?.secretKeyRef;
    if (secret) refs.push(reference('Secret', secret.name, secret.optional, `env ${e.name} ${of}`, secret.key));
  }
  for (const e of container.envFrom ?? []) {
    if (e.configMapRef) refs.push(reference('ConfigMap', e.configMapRef.name, e.configMapRef.optional, `envFrom ${of}`));
    if (e.secretRef) refs.push(reference('Secret', e.secretRef.name, e.secretRef.optional, `envFrom ${of}`));
  }
  return refs;
}

/** What one volume reads: a ConfigMap, a Secret, projected ones, or a claim. */
export function volumeReferences(volume: any): PodReference[] {
  const refs: PodReference[] = [];
  const source = `volume "${volume.name}"`;
  if (volume.configMap) refs.push(reference('ConfigMap', volume.configMap.name, volume.configMap.optional, source));
  if (volume.secret) refs.push(reference('Secret', volume.secret.secretName, volume.secret.optional, source));
  for (const s of volume.projected?.sources ?? []) {
    if (s.configMap) refs.push(reference('ConfigMap', s.configMap.name, s.configMap.optional, source));
    if (s.secret) refs.push(reference('Secret', s.secret.name, s.secret.optional, source));
  }
  if (volume.persistentVolumeClaim) refs.push(reference('PersistentVolumeClaim', volume.persistentVolumeClaim.claimName, false, source));
  return refs;
}

/** Every object a pod spec reads: its containers' (regular, then init), then its volumes'. */
export function podReferences(podSpec: any): PodReference[] {
  return [
    ...podContainers(podSpec).flatMap(containerReferences),
    ...(podSpec?.volumes ?? []).flatMap(volumeReferences),
  ];
}

function reference(kind: PodReference['kind'], name: string, optional: unknown, source: string, key?: string): PodReference {
  return { kind, name, optional: Boolean(optional), source, ...key !== undefined ? { key } : {} };
}
