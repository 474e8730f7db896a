import { podExposesPort } from '../pod-ports';
import { Rule } from './rule';

/** Each port of a Service targets a port that a container of the selected pods exposes. */
export const serviceTargetPort: Rule<any> = {
  id: 'service-target-port',
  check(service, { index }) {
    const spec = service.spec ?? {};
    if (spec.type === 'ExternalName' || !spec.selector || Object.keys(spec.selector).length === 0) return [];
    // A Service that selects nothing is reported by service-selects-pods.
    const workloads = index.selectedWorkloads(index.namespaceOf(service), spec.selector);
    if (workloads.length === 0) return [];
    return (spec.ports ?? [])
      .filter((p: any) => !workloads.some(w => podExposesPort(w.pod, p.targetPort ?? p.port)))
      .map((p: any) => `port "${p.name ?? p.port}" targets ${JSON.stringify(p.targetPort ?? p.port)}, `
        + 'which no selected container exposes; target a container port');
  },
};
