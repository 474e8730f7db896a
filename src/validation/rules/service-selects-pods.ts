import { Rule } from './rule';

/** A Service with a selector selects the pods of some workload. */
export const serviceSelectsPods: Rule<any> = {
  id: 'service-selects-pods',
  check(service, { index }) {
    const spec = service.spec ?? {};
    if (spec.type === 'ExternalName' || !spec.selector || Object.keys(spec.selector).length === 0) return [];
    if (index.selectedWorkloads(index.namespaceOf(service), spec.selector).length > 0) return [];
    return [`selects no pods of any workload (selector ${JSON.stringify(spec.selector)}); fix the selector or add the workload`];
  },
};
