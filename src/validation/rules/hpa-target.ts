import { Rule } from './rule';

/** An autoscaler scales a workload that exists and leaves it no replicas of its own. */
export const hpaTarget: Rule<any> = {
  id: 'hpa-target',
  check(hpa, { index }) {
    const ns = index.namespaceOf(hpa);
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const target = index.has(ref.kind, ns, ref.name) ? index.get(ref.kind, ns, ref.name) : undefined;
    if (!target) return [`scales ${ref.kind} "${ref.name}", which does not exist; point scaleTargetRef at the workload`];
    if (target.spec?.replicas === undefined) return [];
    return [`scales ${ref.kind} "${ref.name}", which also sets replicas (apply and the autoscaler would fight); drop replicas from the workload`];
  },
};
