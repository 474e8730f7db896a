import { PodReference } from '../../core/pod-spec';
import { declaredExternal } from '../manifest-index';
import { ManifestValidatorOptions } from '../options';
import { Rule } from './rule';

/** A reference of a pod, with the namespace it is read in. */
export interface NamespacedReference {
  readonly namespace: string;
  readonly reference: PodReference;
}

/**
 * Every ConfigMap, Secret and claim a pod reads exists (or is declared external), and so does
 * every key it reads from them. Optional references are not checked.
 */
export const referenceExists: Rule<NamespacedReference> = {
  id: 'reference-exists',
  check({ namespace: ns, reference: ref }, { index, options }) {
    if (ref.optional) return [];
    const target = index.get(ref.kind, ns, ref.name);
    if (!target) {
      if (declaredExternal(externals(options, ref.kind), ns, ref.name)) return [];
      return [`${ref.source} reads ${ref.kind} "${ref.name}", which does not exist in namespace "${ns}"; define it or declare it external`];
    }
    if (ref.key === undefined || ref.kind === 'PersistentVolumeClaim') return [];
    const keys = new Set([...Object.keys(target.data ?? {}), ...Object.keys(target.stringData ?? {}), ...Object.keys(target.binaryData ?? {})]);
    if (keys.has(ref.key)) return [];
    const offered = [...keys].sort().join(', ') || 'none';
    return [`${ref.source} reads key "${ref.key}" of ${ref.kind} "${ref.name}", which has keys ${offered}; use one of them`];
  },
};

function externals(options: ManifestValidatorOptions, kind: PodReference['kind']): string[] | undefined {
  if (kind === 'ConfigMap') return options.externalConfigMaps;
  return kind === 'Secret' ? options.externalSecrets : options.externalClaims;
}
