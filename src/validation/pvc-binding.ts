/**
 * The rules by which the Kubernetes PersistentVolume controller binds a claim to a volume
 * (`checkVolumeSatisfyClaim` and `findMatchingVolume` in pkg/controller/volume/persistentvolume),
 * over plain manifest JSON, so that any synthesized or hand-written YAML can be checked.
 *
 * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#binding
 */

/** The parts of a manifest the binding rules read. */
export interface ManifestLike {
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: { [k: string]: string };
    readonly annotations?: { [k: string]: string };
  };
  readonly spec?: any;
}

/** Options of {@link pvcBindingProblems}. */
export interface BindingCheckOptions {
  /**
   * Also require the pair to be pre-bound both ways (the claim's `volumeName` and the volume's
   * `claimRef`), so that neither can bind to anything else.
   *
   * @default false
   */
  readonly exclusive?: boolean;
}

/** The annotation that overrides `storageClassName` on old objects (still honoured by the controller). */
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/**
 * Why the claim `pvc` would not bind to the volume `pv`, one sentence per broken rule; an empty
 * list when it binds.
 */
export function pvcBindingProblems(pv: ManifestLike, pvc: ManifestLike, options: BindingCheckOptions = {}): string[] {
  const problems: string[] = [];
  if (pv.kind !== 'PersistentVolume') problems.push(`the volume is a ${pv.kind}, not a PersistentVolume`);
  if (pvc.kind !== 'PersistentVolumeClaim') problems.push(`the claim is a ${pvc.kind}, not a PersistentVolumeClaim`);
  return [
    ...problems,
    ...preBindingProblems(pv, pvc, options),
    ...storageClassProblems(pv, pvc),
    ...modeProblems(pv.spec ?? {}, pvc.spec ?? {}),
    ...capacityProblems(pv.spec ?? {}, pvc.spec ?? {}),
    ...selectorProblems(pv, pvc.spec ?? {}),
  ];
}

/** Pre-binding, both ways: the claim's `volumeName` and the volume's `claimRef`. */
function preBindingProblems(pv: ManifestLike, pvc: ManifestLike, options: BindingCheckOptions): string[] {
  const problems: string[] = [];
  const pvName = pv.metadata?.name;
  const pvcName = pvc.metadata?.name;
  const pvcNamespace = pvc.metadata?.namespace;
  const volumeName = pvc.spec?.volumeName;
  if (volumeName !== undefined && volumeName !== pvName) {
    problems.push(`the claim's volumeName is "${volumeName}", not the volume's name "${pvName}"`);
  }
  const ref = pv.spec?.claimRef;
  if (ref !== undefined) {
    if (ref.kind !== undefined && ref.kind !== 'PersistentVolumeClaim') {
      problems.push(`the volume's claimRef.kind is "${ref.kind}", not "PersistentVolumeClaim"`);
    }
    if (ref.name !== pvcName) problems.push(`the volume's claimRef.name is "${ref.name}", not the claim's name "${pvcName}"`);
    if (ref.namespace === undefined) {
      problems.push('the volume\'s claimRef has no namespace, so it matches no claim');
    } else if (ref.namespace !== pvcNamespace) {
      problems.push(`the volume's claimRef.namespace is "${ref.namespace}", not the claim's namespace "${pvcNamespace ?? '(none)'}"`);
    }
  }
  if (options.exclusive) {
    if (volumeName === undefined) problems.push('the claim has no volumeName, so it may bind to another volume');
    if (ref === undefined) problems.push('the volume has no claimRef, so another claim may take it');
  }
  return problems;
}

/** Storage class: compared as strings, "" meaning "no class". */
function storageClassProblems(pv: ManifestLike, pvc: ManifestLike): string[] {
  const pvcClass = pvc.metadata?.annotations?.[BETA_CLASS_ANNOTATION] ?? pvc.spec?.storageClassName;
  const pvClass = pv.metadata?.annotations?.[BETA_CLASS_ANNOTATION] ?? pv.spec?.storageClassName ?? '';
  if (pvcClass === undefined || pvcClass === null) {
    const why = 'so the cluster\'s default StorageClass is written into it';
    return [`the claim has no storageClassName, ${why} and it will not bind to a volume of class "${pvClass}"`];
  }
  return pvcClass !== pvClass ? [`the claim's storageClassName "${pvcClass}" differs from the volume's "${pvClass}"`] : [];
}

/** Access modes (the claim's must all be offered by the volume) and volume mode. */
function modeProblems(pvSpec: any, pvcSpec: any): string[] {
  const problems: string[] = [];
  const pvcModes: string[] = pvcSpec.accessModes ?? [];
  const pvModes: string[] = pvSpec.accessModes ?? [];
  if (pvcModes.length === 0) problems.push('the claim has no accessModes');
  const missing = pvcModes.filter(m => !pvModes.includes(m));
  if (missing.length > 0) problems.push(`the volume does not offer the access modes ${missing.join(', ')} (it has ${pvModes.join(', ') || 'none'})`);
  const pvMode = pvSpec.volumeMode ?? 'Filesystem';
  const pvcMode = pvcSpec.volumeMode ?? 'Filesystem';
  if (pvMode !== pvcMode) problems.push(`the claim's volumeMode ${pvcMode} differs from the volume's ${pvMode}`);
  return problems;
}

/** The volume's capacity covers the claim's request. */
function capacityProblems(pvSpec: any, pvcSpec: any): string[] {
  const problems: string[] = [];
  const capacity = pvSpec.capacity?.storage;
  const request = pvcSpec.resources?.requests?.storage;
  const capacityBytes = capacity === undefined ? undefined : quantityToBytes(capacity);
  const requestBytes = request === undefined ? 0 : quantityToBytes(request);
  if (capacityBytes === undefined) {
    problems.push(capacity === undefined ? 'the volume has no capacity.storage' : `the volume's capacity "${capacity}" is not a quantity`);
  }
  if (requestBytes === undefined) problems.push(`the claim's request "${request}" is not a quantity`);
  if (capacityBytes !== undefined && requestBytes !== undefined && capacityBytes < requestBytes) {
    problems.push(`the volume's capacity ${capacity} is smaller than the claim's request ${request}`);
  }
  return problems;
}

/** A selector is only consulted when the claim is not pre-bound. */
function selectorProblems(pv: ManifestLike, pvcSpec: any): string[] {
  if (pvcSpec.volumeName !== undefined || !pvcSpec.selector) return [];
  return selectorMatches(pvcSpec.selector, pv.metadata?.labels ?? {}) ? [] : ['the claim\'s selector does not match the volume\'s labels'];
}

const BINARY: { [suffix: string]: number } = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: { [suffix: string]: number } = {
  'n': 1e-9, 'u': 1e-6, 'm': 1e-3, '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
};

/**
 * A Kubernetes quantity (`10Gi`, `1.5G`, `500M`, `1e9`, `1024`) in bytes, or undefined when it
 * is not one.
 */
export function quantityToBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/.exec(String(value).trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  if (match[3] !== undefined) return number * 10 ** Number(match[3]);
  const suffix = match[2] ?? '';
  return number * (BINARY[suffix] ?? DECIMAL[suffix]);
}

/** Whether a label selector (matchLabels and matchExpressions) selects these labels. */
function selectorMatches(selector: any, labels: { [k: string]: string }): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values: string[] = e.values ?? [];
    switch (e.operator) {
      case 'In': if (!has || !values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}
