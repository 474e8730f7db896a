import { pvcBindingProblems } from '../pvc-binding';
import { Rule } from './rule';

/**
 * A claim pre-bound to a volume can bind to it (class, access modes, capacity, claimRef), and a
 * claim of static provisioning is pre-bound.
 */
export const pvcBinds: Rule<any> = {
  id: 'pvc-binds',
  check(claim, { index }) {
    const spec = claim.spec ?? {};
    if (spec.volumeName) {
      const pv = index.get('PersistentVolume', '', spec.volumeName);
      if (!pv) return [`is pre-bound to PersistentVolume "${spec.volumeName}", which does not exist; define it or drop volumeName`];
      const namespaced = { ...claim, metadata: { ...claim.metadata, namespace: index.namespaceOf(claim) } };
      return pvcBindingProblems(pv, namespaced)
        .map(p => `cannot bind to PersistentVolume "${spec.volumeName}": ${p}; make the claim and the volume agree`);
    }
    if (spec.storageClassName === '') {
      return ['has storageClassName "" (static provisioning) but no volumeName, so it may bind to any matching volume; pre-bind it with volumeName'];
    }
    return [];
  },
};
